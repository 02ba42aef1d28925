/**
 * GET/POST /works/import: logged-in people upload work files in the
 * plain-text export format. Rate limited per account; at most 20 files of
 * 2 MB each per upload; each work is written in its own transaction and
 * every file gets its own result line.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { RULES } from '../web/rate-limit.ts';
import { importWorkFile, loadKnownLanguages, type FileImportResult } from './import-work.ts';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES, renderImportPage, type PostAs } from './import-page.tsx';

export const importRoutes = new Hono<AppEnv>();

/** The name without any folder some browsers send along with it. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || 'unnamed file';
}

importRoutes.get('/works/import', (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderImportPage(c);
});

importRoutes.post('/works/import', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db, rateLimiter } = c.get('deps');
  const wait = await rateLimiter.hit(`import:user:${viewer.id}`, RULES.importing);
  if (wait) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    c.header('Retry-After', String(wait));
    return renderMessage(
      c,
      429,
      'Too many imports',
      `You have imported a lot at once; try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    );
  }

  const form = await c.req.parseBody({ all: true });
  const postAs: PostAs = form.post_as === 'draft' ? 'draft' : 'post';
  // A file input left empty still sends one part, with no name and no bytes.
  const files = [form.files]
    .flat()
    .filter((file): file is File => file instanceof File && (file.name !== '' || file.size > 0));
  if (!files.length) {
    return renderImportPage(c, { postAs, status: 422, errors: { files: 'Choose one or more .txt files to import.' } });
  }
  if (files.length > MAX_IMPORT_FILES) {
    return renderImportPage(c, {
      postAs,
      status: 422,
      errors: { files: `You chose ${files.length} files; import at most ${MAX_IMPORT_FILES} at a time.` },
    });
  }

  const languages = await loadKnownLanguages(db);
  const results: FileImportResult[] = [];
  for (const file of files) {
    const fileName = baseName(file.name);
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      const size = (file.size / 1024 / 1024).toFixed(1);
      results.push({
        fileName,
        ok: false,
        line: null,
        message: `The file is ${size} MB; files of at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB can be imported.`,
      });
      continue;
    }
    const contents = new Uint8Array(await file.arrayBuffer());
    results.push(
      await importWorkFile(db, { name: fileName, contents }, { importer: viewer, post: postAs === 'post', languages }),
    );
  }
  const anyImported = results.some((r) => r.ok);
  return renderImportPage(c, { postAs, results, status: anyImported ? 200 : 422 });
});
