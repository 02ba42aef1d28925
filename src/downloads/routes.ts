/**
 * GET /downloads/:id/:filename.:format — a posted work as a file. The chain:
 * find the work → authorize (work policy; drafts are never downloadable) →
 * check the format is offered here → rate-limit builds (cache hits are free)
 * → get the cached or freshly built file (a build over its time or memory
 * bound answers 503, "this download could not be made") → count the
 * download → send it as an attachment named from the title.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { currentPath, loginPath } from '../accounts/require-login.ts';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { tryAgainText, type RateLimitRule } from '../web/rate-limit.ts';
import { isCreator } from '../works/policy.ts';
import { findWorkAccess, whyCannotDownloadWork } from '../visibility/index.ts';
import { DownloadBuildError } from './build-off-thread.ts';
import { DownloadCache } from './cache.ts';
import { downloadFileName } from './file-names.ts';
import { availableFormats, isDownloadFormat, MIME_TYPES } from './formats.ts';
import { downloadFile, isCached, type DownloadRequest } from './make-download.ts';
import { countDownload, findDownloadHead } from './queries.ts';
import { rememberEpub } from '../koreader/kosync.ts';
import { readDb } from '../web/read-db.ts';

/** Building a file costs real CPU (a long PDF takes seconds); serving a cached one does not, so only builds are limited. */
export const BUILD_RULE: RateLimitRule = { limit: 60, windowMs: 10 * 60_000 };

const caches = new Map<string, DownloadCache>();

/** One cache per data directory, so concurrent requests for the same file share its build. */
function cacheFor(dataDir: string): DownloadCache {
  const dir = path.join(dataDir, 'cache', 'downloads');
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new DownloadCache(dir)));
  return cache;
}

/** After a work is deleted: its cached files will never be served again. */
export function forgetDownloads(dataDir: string, workId: number): Promise<void> {
  return cacheFor(dataDir).forget(workId);
}

/**
 * A browser (which asks for HTML) goes to the log-in page and comes back; an
 * e-reader app or script gets 401 with a Basic challenge, which it answers
 * with an app password.
 */
function askToLogIn(c: AppContext): Response {
  if ((c.req.header('accept') ?? '').includes('text/html')) return c.redirect(loginPath(currentPath(c)), 303);
  const realm = c.get('deps').config.archiveName.replace(/["\\]/g, '');
  c.header('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`);
  return c.text('This work is only for logged-in users: log in, or use an app password.', 401);
}

async function readDownload(request: DownloadRequest): Promise<Buffer> {
  try {
    return await fs.readFile(await downloadFile(request));
  } catch (error) {
    // An edit can clear this version's files between finding and reading one: build again once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return await fs.readFile(await downloadFile(request));
  }
}

export const downloadRoutes = new Hono<AppEnv>();

downloadRoutes.get('/downloads/:id{[0-9]+}/:file{[^/]+}', async (c) => {
  const { db, config, rateLimiter } = c.get('deps');
  // Finding the work and its version may lag a little; building, counting and remembering hashes use the primary.
  const reads = readDb(c);
  const viewer = c.get('viewer');
  const workId = Number(c.req.param('id'));
  const format = /\.([a-z0-9]+)$/i.exec(c.req.param('file'))?.[1]?.toLowerCase() ?? '';
  const notFound = () => renderMessage(c, 404, 'Not found', 'There is no download at this address.');

  const access = await findWorkAccess(reads, workId);
  if (!access) return notFound();
  const refusal = whyCannotDownloadWork(viewer, access);
  if (refusal === 'log_in') return askToLogIn(c);
  if (refusal) return notFound();
  if (!isDownloadFormat(format) || !availableFormats().includes(format)) return notFound();

  const head = await findDownloadHead(reads, workId);
  if (!head) return notFound();
  const request: DownloadRequest = {
    db,
    cache: cacheFor(config.dataDir),
    archive: { baseUrl: config.baseUrl, archiveName: config.archiveName },
    workId,
    revisedAt: head.revisedAt,
    indexedAt: head.indexedAt,
    format,
    limits: config.downloadBuild,
  };
  if (!(await isCached(request))) {
    const wait = await rateLimiter.hit(`download-build:${clientAddress(c)}`, BUILD_RULE);
    if (wait) {
      c.header('retry-after', String(wait));
      return renderMessage(
        c,
        429,
        'Too many downloads',
        `You have downloaded many works in a short time. ${tryAgainText(wait)}`,
      );
    }
  }

  let body: Buffer;
  try {
    body = await readDownload(request);
  } catch (error) {
    if (!(error instanceof DownloadBuildError)) throw error;
    c.get('deps').logger.error(
      { workId, format, reason: error.reason, err: error.cause },
      `download of work ${workId} as ${format} was not made`,
    );
    return renderMessage(
      c,
      503,
      'This download could not be made',
      `${error.reason} Try another format, or read the work on its page.`,
    );
  }

  // A creator fetching their own work is not a reader's download, as with hits.
  if (c.req.method === 'GET' && !isCreator(viewer, access)) await countDownload(db, workId);

  const fileName = `${downloadFileName(head.title, workId)}.${format}`;
  // KOReader names a file by a hash of its bytes (or of its name): remember which work those hashes mean.
  if (format === 'epub') await rememberEpub(db, workId, head.revisedAt, body, fileName);
  return c.body(new Uint8Array(body), 200, {
    'content-type': MIME_TYPES[format],
    'content-disposition': `attachment; filename="${fileName}"`,
    'content-length': String(body.length),
    // Restricted works must not sit in shared caches; nothing here should be reused without asking.
    'cache-control': 'private, no-cache',
  });
});
