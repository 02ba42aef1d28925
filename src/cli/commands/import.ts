/**
 * `quire import FILE... [--as USERNAME] [--draft] [--link-authors]`: imports
 * works from files in the plain-text export format (or Quire's and AO3's
 * TXT, HTML and EPUB downloads), a batch of files per transaction, printing
 * one line per file — the new work's path, or the file, line and problem —
 * and exiting 1 when any file failed. A progress bar (stderr) shows for many
 * files.
 */
import fs from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { findUserByName } from '../../accounts/queries.ts';
import type { Db } from '../../db/database.ts';
import type { User } from '../../accounts/accounts.table.ts';
import {
  describeAuthorMatches,
  describeResult,
  importWorkFiles,
  loadKnownLanguages,
  type FileImportResult,
  type WorkFile,
} from '../../transfer/import-work.ts';
import { findAdmins } from '../../transfer/queries.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';

/** Files per transaction: big enough that a commit and a derivation are shared, small enough to hold in memory. */
const BATCH_SIZE = 500;

const HELP = `Usage: quire import FILE... [--as USERNAME] [--draft] [--link-authors]

Imports each FILE as a new work: a work in the plain-text export format
("Title:", "Author:", "Rating:"… header lines, then Summary:, Notes: and
Work text:), or a TXT, HTML or EPUB download from Quire or AO3. Every file
is checked in full first; the good ones are written ${BATCH_SIZE} to a
transaction. Prints one line per file:

  story.txt: /works/42            imported as work 42
  broken.txt:7: <the problem>     not imported; nothing of it was written

Options:
  --as USERNAME   the account that imports (owns the works' series and may
                  edit works whose Author has no pseud here). Defaults to the
                  archive's admin when there is exactly one.
  --draft         keep the works as drafts instead of posting them.
  --link-authors  when an Author is the pseud of an account here, credit the
                  work to that pseud. Without it the name stays unlinked text
                  and a warning under the file's line says so.

Exit status: 0 every file imported, 1 some file failed, 2 wrong usage.`;

/** Files above this count get a progress bar; a few lines need none. */
const PROGRESS_FROM = 4;

async function findImporter(db: Db, username: string | undefined): Promise<User | string> {
  if (username) return (await findUserByName(db, username)) ?? `there is no user named "${username}"`;
  const admins = await findAdmins(db);
  if (admins.length === 1) return admins[0];
  throw new UsageError(
    admins.length
      ? `say which account imports with --as USERNAME (this archive has ${admins.length} admins)`
      : 'say which account imports with --as USERNAME (this archive has no admin)',
  );
}

async function readFile(name: string): Promise<Uint8Array | string> {
  try {
    return await fs.readFile(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'There is no such file.';
    if (code === 'EISDIR') return 'This is a folder, not a file.';
    return `The file cannot be read (${code ?? (error as Error).message}).`;
  }
}

function progressBar(total: number): cliProgress.SingleBar | null {
  if (total < PROGRESS_FROM) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      // Without a terminal (CI, a log file) print the bar now and then rather than redrawing it.
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
      format: 'importing [{bar}] {value}/{total} files',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import works from plain-text export files',
  help: HELP,
  async run(args) {
    const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        draft: { type: 'boolean', default: false },
        'link-authors': { type: 'boolean', default: false },
      },
    });
    const files = parsed.positionals;
    if (!files.length) throw new UsageError('name at least one FILE to import');

    const db = await openConfiguredDatabase();
    try {
      const importer = await findImporter(db, parsed.values.as);
      if (typeof importer === 'string') {
        console.error(`quire import: ${importer}`);
        return 1;
      }
      const languages = await loadKnownLanguages(db);
      const bar = progressBar(files.length);
      // With the bar on the same terminal, clear its line before printing a result over it.
      const prefix = bar && process.stderr.isTTY && process.stdout.isTTY ? '\r\x1b[2K' : '';
      const results: FileImportResult[] = [];
      const print = (result: FileImportResult) => {
        results.push(result);
        for (const line of [describeResult(result), ...describeAuthorMatches(result)]) console.log(`${prefix}${line}`);
      };
      for (let start = 0; start < files.length; start += BATCH_SIZE) {
        const batch = files.slice(start, start + BATCH_SIZE);
        const readable: WorkFile[] = [];
        const unreadable = new Map<string, FileImportResult>();
        // Read side by side: one at a time, each read waits its turn on a busy disk.
        const contentsOf = await Promise.all(batch.map(readFile));
        for (const [index, name] of batch.entries()) {
          const contents = contentsOf[index];
          if (typeof contents === 'string')
            unreadable.set(name, { fileName: name, ok: false, line: null, message: contents });
          else readable.push({ name, contents });
        }
        const imported: FileImportResult[] = [];
        await importWorkFiles(
          db,
          readable,
          { importer, post: !parsed.values.draft, languages, linkAuthors: parsed.values['link-authors'] },
          (result) => imported.push(result),
        );
        // In the order given, unreadable files among the rest (results come in the order of `readable`).
        for (const name of batch) print(unreadable.get(name) ?? imported.shift()!);
        bar?.increment(batch.length);
        // Lets the progress bar's timer run: SQLite answers synchronously, so awaits alone never yield.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      bar?.stop();
      const imported = results.filter((r) => r.ok).length;
      console.log(
        `Imported ${imported} of ${files.length} file${files.length === 1 ? '' : 's'}${parsed.values.draft ? ' as drafts' : ''}.`,
      );
      return imported === files.length ? 0 : 1;
    } finally {
      await db.destroy();
    }
  },
};
