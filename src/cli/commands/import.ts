/**
 * `quire import FILE... [--as USERNAME] [--draft]`: imports works from files
 * in the plain-text export format, each in its own transaction, printing one
 * line per file — the new work's path, or the file, line and problem — and
 * exiting 1 when any file failed. A progress bar (stderr) shows for many files.
 */
import fs from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { findUserByName } from '../../accounts/queries.ts';
import type { Db } from '../../db/database.ts';
import type { User } from '../../accounts/accounts.table.ts';
import {
  describeResult,
  importWorkFile,
  loadKnownLanguages,
  type FileImportResult,
} from '../../transfer/import-work.ts';
import { findAdmins } from '../../transfer/queries.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';

const HELP = `Usage: quire import FILE... [--as USERNAME] [--draft]

Imports each FILE (a work in the plain-text export format: "Title:",
"Author:", "Rating:"… header lines, then Summary:, Notes: and Work text:)
as a new work, each in its own transaction. Prints one line per file:

  story.txt: /works/42            imported as work 42
  broken.txt:7: <the problem>     not imported; nothing of it was written

Options:
  --as USERNAME   the account that imports (owns the works' series and may
                  edit works whose Author has no pseud here). Defaults to the
                  archive's admin when there is exactly one.
  --draft         keep the works as drafts instead of posting them.

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
      options: { as: { type: 'string' }, draft: { type: 'boolean', default: false } },
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
      for (const name of files) {
        const contents = await readFile(name);
        const result: FileImportResult =
          typeof contents === 'string'
            ? { fileName: name, ok: false, line: null, message: contents }
            : await importWorkFile(db, { name, contents }, { importer, post: !parsed.values.draft, languages });
        results.push(result);
        console.log(`${prefix}${describeResult(result)}`);
        bar?.increment();
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
