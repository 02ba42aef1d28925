/**
 * Backing up and restoring a SQLite archive. A backup is a folder laid out
 * like a data folder — the database copied with SQLite's online backup
 * (better-sqlite3's `backup()`, page by page, while the server keeps
 * writing), the data folder's other files, and `quire-backup.json` saying
 * what it is. The download cache (`cache/`) is left out: it is rebuilt on
 * demand; so are members' data exports (`exports/`): each is one person's
 * data for a day, whose row the restored database may not even have.
 * Restoring copies the folder into an empty data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase, sqliteFileIn } from '../db/connect.ts';
import { countArchive } from './queries.ts';

export const MANIFEST = 'quire-backup.json';
const DATABASE_FILE = path.basename(sqliteFileIn('.'));
/** Not copied: the live database (copied through the backup API instead), the cache and the data exports. */
const SKIPPED = new Set([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'cache', 'exports']);

export interface BackupManifest {
  format: 'quire-backup';
  version: 1;
  createdAt: string;
  works: number;
  chapters: number;
  users: number;
  files: number;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
  /** The database changed during the copy, so SQLite started over (the rest is then copied in one step). */
  restarted: boolean;
}

export class BackupError extends Error {}

function isEmptyOrMissing(dir: string): boolean {
  return !fs.existsSync(dir) || (fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0);
}

/** Copies the data folder's files besides the database and cache; returns how many. */
function copyDataFiles(from: string, to: string, skip: Set<string>): number {
  let copied = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    fs.cpSync(path.join(from, entry.name), path.join(to, entry.name), { recursive: true, preserveTimestamps: true });
    copied += entry.isDirectory() ? countFiles(path.join(from, entry.name)) : 1;
  }
  return copied;
}

function countFiles(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, entry) => n + (entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1), 0);
}

/**
 * Backs up the SQLite archive in `dataDir` into the folder `target` (which must not exist or be empty),
 * while other connections keep reading and writing it.
 */
export async function backupSqliteArchive(
  dataDir: string,
  target: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<BackupManifest> {
  const source = sqliteFileIn(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`There is no archive at ${source}.`);
  if (!isEmptyOrMissing(target)) throw new BackupError(`${target} already exists and is not empty; choose a new name.`);
  fs.mkdirSync(target, { recursive: true });
  const copy = path.join(target, DATABASE_FILE);
  const database = new SQLite(source, { fileMustExist: true });
  try {
    database.pragma('busy_timeout = 5000');
    let lastRemaining = Infinity;
    let restarted = false;
    await database.backup(copy, {
      progress: ({ totalPages, remainingPages }) => {
        // SQLite restarts a backup whenever another connection writes. Page by page, a busy archive
        // could keep it restarting for ever; copying the rest in one step (a read transaction, which
        // in WAL mode blocks no writer) always finishes.
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        onProgress({ totalPages, remainingPages, restarted });
        return restarted ? 0x7fffffff : Math.max(100, Math.ceil(totalPages / 10));
      },
    });
  } finally {
    database.close();
  }
  const counts = await countsIn(copy);
  // The copy stands alone as one file, with no WAL beside it to lose when the folder is moved.
  const copied = new SQLite(copy);
  copied.pragma('journal_mode = DELETE');
  copied.close();
  const files = copyDataFiles(dataDir, target, SKIPPED);
  const manifest: BackupManifest = {
    format: 'quire-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    ...counts,
    files,
  };
  fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function countsIn(sqliteFile: string) {
  const db = openDatabase({ sqliteFile });
  try {
    return await countArchive(db);
  } finally {
    await db.destroy();
  }
}

/** Restores the backup folder `source` into `dataDir`, which must be empty (or not exist yet). */
export async function restoreSqliteArchive(source: string, dataDir: string): Promise<BackupManifest> {
  const manifestFile = path.join(source, MANIFEST);
  if (!fs.existsSync(manifestFile)) {
    throw new BackupError(`${source} is not a Quire backup folder (it has no ${MANIFEST}).`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'quire-backup' || manifest.version !== 1) {
    throw new BackupError(`${manifestFile} is not a backup this version of Quire can read.`);
  }
  if (!fs.existsSync(path.join(source, DATABASE_FILE))) {
    throw new BackupError(`${source} has no ${DATABASE_FILE}: the backup is incomplete.`);
  }
  if (!isEmptyOrMissing(dataDir)) {
    throw new BackupError(
      `The data folder ${dataDir} is not empty. Restore into an empty folder (set QUIRE_DATA_DIR), so nothing is overwritten.`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  copyDataFiles(source, dataDir, new Set([MANIFEST]));
  return { ...manifest, ...(await countsIn(sqliteFileIn(dataDir))) };
}
