/**
 * SQL of the data_exports rows: asking for an export (one being prepared
 * at a time per member, which the partial unique index enforces), marking
 * it ready or failed, finding the member's latest and a ready one to
 * download, and the expired ones the sweep removes.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DataExport } from './data-exports.table.ts';

/** Inserts a `preparing` export, or gives null when one is being prepared already. */
export async function insertPreparingExport(db: Db, userId: number, now: Date): Promise<number | null> {
  const row = await db
    .insertInto('data_exports')
    .values({ user_id: userId, requested_at: now.toISOString() })
    // The target names the partial index: its predicate must be written out (not bound) for PostgreSQL to match it.
    .onConflict((oc) =>
      oc
        .column('user_id')
        .where(sql<boolean>`status = 'preparing'`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findExport(db: Db, id: number): Promise<DataExport | undefined> {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The member's most recent export, whatever its state. */
export async function findLatestExport(db: Db, userId: number): Promise<DataExport | undefined> {
  return db
    .selectFrom('data_exports')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The member's export `id` when it is ready and its link still works at `now`. */
export async function findDownloadableExport(
  db: Db,
  userId: number,
  id: number,
  now: Date,
): Promise<DataExport | undefined> {
  return db
    .selectFrom('data_exports')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('status', '=', 'ready')
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export async function markExportReady(
  db: Db,
  id: number,
  file: { fileName: string; sizeBytes: number },
  readyAt: Date,
  expiresAt: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('data_exports')
    .set({
      status: 'ready',
      file_name: file.fileName,
      size_bytes: file.sizeBytes,
      ready_at: readyAt.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'preparing')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markExportFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('data_exports')
    .set({ status: 'failed', error })
    .where('id', '=', id)
    .where('status', '=', 'preparing')
    .execute();
}

/** Ready exports whose link stopped working by `now`: their files go, and so do the rows. */
export async function findExpiredExports(db: Db, now: Date): Promise<DataExport[]> {
  return db
    .selectFrom('data_exports')
    .selectAll()
    .where('status', '=', 'ready')
    .where('expires_at', '<=', now.toISOString())
    .execute();
}

export async function deleteExports(db: Db, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await db.deleteFrom('data_exports').where('id', 'in', ids).execute();
}

/** File names that ready, unexpired exports still point at: every other file in the folder is left over. */
export async function liveExportFileNames(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('data_exports').select('file_name').where('file_name', 'is not', null).execute();
  return new Set(rows.map((row) => row.file_name as string));
}

/** Who the "ready" mail goes to: the account's name and address now (either may have changed since asking). */
export async function findExportAddressee(db: Db, userId: number): Promise<{ username: string; email: string }> {
  return db.selectFrom('users').select(['username', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
}

/** The member's pseuds that have an icon, with its stored file name. */
export async function findPseudIconsOf(db: Db, userId: number) {
  const rows = await db
    .selectFrom('pseuds')
    .select(['id', 'name', 'icon_file'])
    .where('user_id', '=', userId)
    .where('icon_file', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, icon_file: row.icon_file! }));
}
