/**
 * `quire backup FILE`: a consistent copy of the live archive while it keeps
 * serving. On SQLite, FILE is a new folder (src/ops/backup.ts says what is in
 * it); on PostgreSQL, `pg_dump` writes FILE in its custom format.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { BackupError, backupSqliteArchive, type BackupProgress } from '../../ops/backup.ts';
import { findProgram } from '../../ops/find-program.ts';
import { UsageError, type Command } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the live archive (database and data folder) to a backup',
  help: `Usage: quire backup FILE

SQLite (the default): copies the database with SQLite's online backup while
the server keeps serving, plus the data folder's files (not cache/, which is
rebuilt on demand), into the new folder FILE. Restore it with
\`quire restore FILE\`; the folder is itself a data folder.

PostgreSQL (DATABASE_URL set): runs pg_dump --format=custom into FILE
(pg_dump must be on PATH: apt install postgresql-client). Restore it with
pg_restore --no-owner --dbname=… FILE into an empty database.`,
  async run(args) {
    const [target, ...rest] = args.filter((a) => a !== '--');
    if (!target || rest.length) throw new UsageError('give the backup FILE (one path)');
    const config = loadConfig();
    if (config.databaseUrl) return backupPostgres(config.databaseUrl, path.resolve(target));
    const started = Date.now();
    console.log(`Backing up ${config.dataDir} to ${path.resolve(target)}/`);
    try {
      const manifest = await backupSqliteArchive(config.dataDir, path.resolve(target), progressPrinter());
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `Backed up ${manifest.works} works, ${manifest.chapters} chapters and ${manifest.users} accounts` +
          ` (and ${manifest.files} other files) in ${seconds} s. Restore with: quire restore ${target}`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(`quire backup: ${error.message}`);
      return 1;
    }
  },
};

/** One line per tenth copied (or a line rewritten in place in a terminal). */
function progressPrinter(): (progress: BackupProgress) => void {
  let lastTenth = -1;
  return ({ totalPages, remainingPages, restarted }) => {
    const percent = totalPages ? Math.floor(((totalPages - remainingPages) / totalPages) * 100) : 100;
    const line = `Copying the database: ${percent}% of ${totalPages} pages${restarted ? ' (restarted: it changed meanwhile)' : ''}`;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${line}`);
      if (!remainingPages) process.stdout.write('\n');
    } else if (Math.floor(percent / 10) !== lastTenth) {
      lastTenth = Math.floor(percent / 10);
      console.log(line);
    }
  };
}

async function backupPostgres(databaseUrl: string, file: string): Promise<number> {
  console.log(
    'This archive is on PostgreSQL: quire backup runs pg_dump, which takes a consistent snapshot while the server keeps serving.',
  );
  const pgDump = findProgram('pg_dump');
  if (!pgDump) {
    console.error(
      'pg_dump is not on PATH. Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client,' +
        ' the same major version as the server or newer), then run quire backup again.',
    );
    return 1;
  }
  // The password goes in the environment, not the command line other users can read in `ps`.
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const status = await new Promise<number>((resolve) => {
    const child = spawn(pgDump, ['--format=custom', `--file=${file}`, `--dbname=${url.toString()}`], {
      stdio: 'inherit',
      env: password ? { ...process.env, PGPASSWORD: password } : process.env,
    });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
  if (status !== 0) {
    console.error(`pg_dump failed (exit ${status}); nothing usable was written to ${file}.`);
    return 1;
  }
  console.log(`Wrote ${file} (pg_dump custom format). Restore with: pg_restore --no-owner --dbname=URL ${file}`);
  return 0;
}
