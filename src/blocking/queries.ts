/**
 * Who blocked or muted whom. A block is asked of whoever would receive the
 * feedback or gift (a work's creators, a comment's author); a mute is
 * applied to everything the muter sees. Each person keeps at most
 * MAX_BLOCKS blocks and MAX_MUTES mutes.
 */
import type { Db } from '../db/database.ts';

/** At most this many blocks, and this many mutes, per person (AO3's limit). */
export const MAX_BLOCKS = 2000;
export const MAX_MUTES = 2000;

/** Blocking or muting: the two lists a person keeps of other people. */
export type BlockOrMute = 'block' | 'mute';

/** What adding someone to a list came to. */
export type AddOutcome = 'added' | 'already' | 'full';

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

/** Whether `viewerId` blocks and mutes `userId`, for the buttons on a profile. */
export async function findBlockAndMute(
  db: Db,
  viewerId: number,
  userId: number,
): Promise<Record<BlockOrMute, boolean>> {
  const [block, mute] = await Promise.all([
    db
      .selectFrom('user_blocks')
      .select('blocked_id')
      .where('blocker_id', '=', viewerId)
      .where('blocked_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('user_mutes')
      .select('muted_id')
      .where('muter_id', '=', viewerId)
      .where('muted_id', '=', userId)
      .executeTakeFirst(),
  ]);
  return { block: !!block, mute: !!mute };
}

/**
 * Adds `userId` to `ownerId`'s blocks or mutes unless already there or the list is full. The count and the
 * insert share a transaction; the primary key keeps a double click from adding the row twice.
 */
export async function addBlockOrMute(db: Db, kind: BlockOrMute, ownerId: number, userId: number): Promise<AddOutcome> {
  const created_at = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if ((await findBlockAndMute(trx, ownerId, userId))[kind]) return 'already';
    if ((await countBlocksOrMutes(trx, kind, ownerId)) >= (kind === 'block' ? MAX_BLOCKS : MAX_MUTES)) return 'full';
    if (kind === 'block') {
      await trx
        .insertInto('user_blocks')
        .values({ blocker_id: ownerId, blocked_id: userId, created_at })
        .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
        .execute();
    } else {
      await trx
        .insertInto('user_mutes')
        .values({ muter_id: ownerId, muted_id: userId, created_at })
        .onConflict((oc) => oc.columns(['muter_id', 'muted_id']).doNothing())
        .execute();
    }
    return 'added';
  });
}

/** How many people `ownerId` blocks or mutes. */
export async function countBlocksOrMutes(db: Db, kind: BlockOrMute, ownerId: number): Promise<number> {
  const row =
    kind === 'block'
      ? await db
          .selectFrom('user_blocks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('blocker_id', '=', ownerId)
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom('user_mutes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('muter_id', '=', ownerId)
          .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes `userId` off `ownerId`'s blocks or mutes; whether they were on it. */
export async function removeBlockOrMute(db: Db, kind: BlockOrMute, ownerId: number, userId: number): Promise<boolean> {
  const result =
    kind === 'block'
      ? await db
          .deleteFrom('user_blocks')
          .where('blocker_id', '=', ownerId)
          .where('blocked_id', '=', userId)
          .executeTakeFirst()
      : await db
          .deleteFrom('user_mutes')
          .where('muter_id', '=', ownerId)
          .where('muted_id', '=', userId)
          .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface ListedPerson {
  id: number;
  username: string;
  /** When they were blocked or muted (ISO time). */
  since: string;
}

/** One page of the people `ownerId` blocks or mutes, latest first, and how many there are in all. */
export async function listBlockedOrMuted(
  db: Db,
  kind: BlockOrMute,
  ownerId: number,
  page: { limit: number; offset: number },
): Promise<{ users: ListedPerson[]; total: number }> {
  if (kind === 'block') {
    const [users, total] = await Promise.all([
      db
        .selectFrom('user_blocks as s')
        .innerJoin('users as u', 'u.id', 's.blocked_id')
        .select(['u.id', 'u.username', 's.created_at as since'])
        .where('s.blocker_id', '=', ownerId)
        .orderBy('s.created_at', 'desc')
        .orderBy('u.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      countBlocksOrMutes(db, kind, ownerId),
    ]);
    return { users, total };
  }
  const [users, total] = await Promise.all([
    db
      .selectFrom('user_mutes as s')
      .innerJoin('users as u', 'u.id', 's.muted_id')
      .select(['u.id', 'u.username', 's.created_at as since'])
      .where('s.muter_id', '=', ownerId)
      .orderBy('s.created_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    countBlocksOrMutes(db, kind, ownerId),
  ]);
  return { users, total };
}

/** `mutedUserIds` for many members at once (a job's batch): whom each of them muted. */
export async function mutedUserIdsOf(db: Db, muterIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const muted = new Map<number, Set<number>>();
  for (let i = 0; i < muterIds.length; i += 1_000)
    for (const r of await db
      .selectFrom('user_mutes')
      .select(['muter_id', 'muted_id'])
      .where('muter_id', 'in', muterIds.slice(i, i + 1_000))
      .execute())
      muted.set(r.muter_id, (muted.get(r.muter_id) ?? new Set()).add(r.muted_id));
  return muted;
}
