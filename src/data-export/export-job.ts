/**
 * "Export my data" in the background: asking for an export stores a
 * `preparing` row and queues its build job in one transaction; the job
 * writes the zip under `<dataDir>/exports/` (to a `.part` file renamed when
 * whole, so a half-written zip is never offered), then marks the row ready
 * and queues the mail with the link in one transaction. The link works for
 * a day; the hourly sweep (and a fetch that comes too late) removes the
 * expired files, and any file no row claims (the account was deleted).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { enqueueJob } from '../jobs/queries.ts';
import { outside, type JobHandler } from '../jobs/handlers.ts';
import { queueMail } from '../outbox/mail.ts';
import { findExportOwner } from './account-data-queries.ts';
import { writeAccountExport, type ExportSettings } from './build-export.ts';
import {
  deleteExports,
  findExportAddressee,
  findExpiredExports,
  findExport,
  insertPreparingExport,
  liveExportFileNames,
  markExportFailed,
  markExportReady,
} from './queries.ts';

export const DATA_EXPORT_JOB = 'data-export.build';
export const DATA_EXPORT_SWEEP_JOB = 'data-export.sweep';
/** How long a ready export's link works. */
export const EXPORT_LINK_HOURS = 24;
/** A `.part` file older than this belonged to a build that died (a crash, a deploy). */
const ABANDONED_PART_MS = 6 * 3_600_000;

export const exportsDir = (dataDir: string) => path.join(dataDir, 'exports');

export const exportPagePath = (username: string) => `/users/${encodeURIComponent(username)}/export`;
export const exportDownloadPath = (username: string, exportId: number) =>
  `${exportPagePath(username)}/${exportId}/download`;

export type ExportConfig = Pick<Config, 'dataDir' | 'baseUrl' | 'archiveName' | 'downloadBuild'>;

export const exportSettingsOf = (config: ExportConfig): ExportSettings => ({
  dataDir: config.dataDir,
  baseUrl: config.baseUrl,
  archiveName: config.archiveName,
  downloadBuild: config.downloadBuild,
});

/**
 * Asks for the member's export: the row and its job commit together. Null when one is being prepared
 * already (one at a time per member; the database's unique index decides between two presses).
 */
export async function requestDataExport(db: Db, userId: number, now = new Date()): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const id = await insertPreparingExport(trx, userId, now);
    if (id === null) return null;
    await enqueueJob(trx, { kind: DATA_EXPORT_JOB, subject: `data-export:${id}`, payload: { exportId: id } });
    return id;
  });
}

function exportIdOf(payload: unknown): number {
  const id = (payload as { exportId?: unknown } | null)?.exportId;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error('A data export job needs an exportId.');
  return id;
}

/** Builds one export. Outside a transaction: it takes a while and writes a file; a re-run finds it done. */
export async function runDataExport(db: Db, config: ExportConfig, exportId: number, now = () => new Date()) {
  const row = await findExport(db, exportId);
  if (!row || row.status !== 'preparing') return; // done already, or the account is gone
  const owner = await findExportOwner(db, row.user_id);
  if (!owner) return;
  const fileName = `${row.id}-${crypto.randomBytes(12).toString('base64url')}.zip`;
  const file = path.join(exportsDir(config.dataDir), fileName);
  const part = `${file}.part`;
  let bytes: number;
  try {
    bytes = (await writeAccountExport(db, owner, exportSettingsOf(config), part)).bytes;
    await fs.rename(part, file);
  } catch (error) {
    await fs.rm(part, { force: true });
    // The member may ask again: a failed export does not hold their one place in the queue.
    // Recorded on the row, which the page shows; not thrown, since a retry would find the row failed anyway.
    await markExportFailed(db, row.id, error instanceof Error ? error.message : String(error));
    return;
  }
  const readyAt = now();
  const expiresAt = new Date(readyAt.getTime() + EXPORT_LINK_HOURS * 3_600_000);
  const marked = await db.transaction().execute(async (trx) => {
    if (!(await markExportReady(trx, row.id, { fileName, sizeBytes: bytes }, readyAt, expiresAt))) return false;
    const user = await findExportAddressee(trx, row.user_id);
    await queueMail(trx, readyMail(config, user, row.id, expiresAt));
    return true;
  });
  if (!marked) await fs.rm(file, { force: true });
}

function readyMail(config: ExportConfig, user: { username: string; email: string }, exportId: number, until: Date) {
  return {
    to: user.email,
    subject: `Your data from ${config.archiveName} is ready to download`,
    text: [
      `Hello ${user.username},`,
      '',
      `The export of your data you asked for on ${config.archiveName} is ready: a zip of your works (as EPUB and plain text), bookmarks, comments, kudos, reading history, subscriptions and preferences.`,
      '',
      `Download it within ${EXPORT_LINK_HOURS} hours (until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC), logged in as ${user.username}:`,
      '',
      `${config.baseUrl}${exportDownloadPath(user.username, exportId)}`,
      '',
      `After that the link stops working and the file is removed; you can ask for a new export at ${config.baseUrl}${exportPagePath(user.username)}.`,
      'If you did not ask for this, change your password: someone else may be using your account.',
    ].join('\n'),
  };
}

/** Removes an export's file and row (expired, or found expired when fetched). */
export async function removeExports(
  db: Db,
  dataDir: string,
  rows: ReadonlyArray<{ id: number; file_name: string | null }>,
) {
  for (const row of rows)
    if (row.file_name) await fs.rm(path.join(exportsDir(dataDir), row.file_name), { force: true });
  await deleteExports(
    db,
    rows.map((row) => row.id),
  );
}

/**
 * The hourly sweep: expired exports go (file and row), and so does every file in the folder no row claims
 * (its account was deleted) except a build still being written. Says how many files it removed.
 */
export async function sweepExports(db: Db, dataDir: string, now: Date): Promise<number> {
  const expired = await findExpiredExports(db, now);
  await removeExports(db, dataDir, expired);
  const live = await liveExportFileNames(db);
  const dir = exportsDir(dataDir);
  let removed = expired.length;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (live.has(name)) continue;
    const file = path.join(dir, name);
    if (name.endsWith('.part')) {
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || now.getTime() - stat.mtimeMs < ABANDONED_PART_MS) continue;
    }
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}

export function dataExportJobHandlers(config: ExportConfig): Record<string, JobHandler> {
  return {
    [DATA_EXPORT_JOB]: outside(async (db, payload) => runDataExport(db, config, exportIdOf(payload))),
    [DATA_EXPORT_SWEEP_JOB]: outside(async (db) => {
      await sweepExports(db, config.dataDir, new Date());
    }),
  };
}
