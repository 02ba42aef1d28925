/**
 * Counting hits: one per visitor per work per day. The primary key of
 * work_hits decides whether a view is new, so two tabs opening at once
 * still count once.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A stable, non-reversible name for a visitor: the user id, or a hash of a guest's address and browser. */
export function visitorKey(userId: number | null, address: string, userAgent: string): string {
  if (userId) return `u${userId}`;
  return `g${crypto.createHash('sha256').update(`${address}\n${userAgent}`).digest('base64url').slice(0, 22)}`;
}

/** Counts a hit unless this visitor already counted today; returns true when it counted. */
export async function recordHit(db: Db, workId: number, visitor: string, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('work_hits')
      .values({ work_id: workId, visitor, day })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (!inserted.numInsertedOrUpdatedRows) return false;
    await trx
      .updateTable('works')
      .set({ hits: sql`hits + 1` })
      .where('id', '=', workId)
      .execute();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    await trx.deleteFrom('work_hits').where('day', '<', yesterday).execute();
    return true;
  });
}
