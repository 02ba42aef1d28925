/**
 * SQL of deleting works: what the audit log keeps of a work, marking a
 * work deleted (soft deletion), and finding the deleted works old enough
 * to purge. Whether a reader may still see a deleted work is not decided
 * here but in the visibility rules.
 */
import type { Db } from '../db/database.ts';

/** What the audit log records of a work before a change: enough to say what it was. */
export async function findWorkForAudit(db: Db, workId: number) {
  return db.selectFrom('works').select(['title', 'status', 'deleted_at']).where('id', '=', workId).executeTakeFirst();
}

export async function markWorkDeleted(db: Db, workId: number, deletedAt: Date): Promise<void> {
  await db.updateTable('works').set({ deleted_at: deletedAt.toISOString() }).where('id', '=', workId).execute();
}

/** Works deleted before `cutoff`, oldest first, a batch at a time. */
export async function listWorkIdsDeletedBefore(db: Db, cutoff: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .select('id')
    .where('deleted_at', 'is not', null)
    .where('deleted_at', '<', cutoff.toISOString())
    .orderBy('deleted_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
