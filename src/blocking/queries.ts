/**
 * Who blocked or muted whom. A block is asked of whoever would receive the
 * feedback or gift (a work's creators, a comment's author); a mute is
 * applied to everything the muter sees.
 */
import type { Db } from '../db/database.ts';

/** At most this many blocks, and this many mutes, per person (AO3's limit). */
export const MAX_BLOCKS = 2000;
export const MAX_MUTES = 2000;

/** Whether any of `blockerIds` has blocked `userId` (false for a guest). */
export async function isBlockedByAny(db: Db, blockerIds: readonly number[], userId: number | null): Promise<boolean> {
  if (userId === null || !blockerIds.length) return false;
  const row = await db
    .selectFrom('user_blocks')
    .select('blocker_id')
    .where('blocker_id', 'in', [...blockerIds])
    .where('blocked_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/** The users this person has muted. */
export async function mutedUserIds(db: Db, muterId: number): Promise<number[]> {
  const rows = await db.selectFrom('user_mutes').select('muted_id').where('muter_id', '=', muterId).execute();
  return rows.map((r) => r.muted_id);
}
