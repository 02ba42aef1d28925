/**
 * What the comment rate limits and spam holds count (post-comment.ts): a
 * poster's recent comments, and how often the same text
 * was posted by this guest, by guests, or by other accounts.
 */
import type { Db } from '../db/database.ts';

/** Who posted: an account's id, or a guest's address key. */
export type Poster = { userId: number } | { guestKey: string };

/** This poster's comments since `since`, oldest first (only their times): what the rate limit counts. */
export async function recentCommentTimes(db: Db, poster: Poster, since: string): Promise<string[]> {
  let query = db.selectFrom('comments').select('created_at').where('created_at', '>', since);
  query =
    'userId' in poster ? query.where('user_id', '=', poster.userId) : query.where('guest_key', '=', poster.guestKey);
  const rows = await query.orderBy('created_at').execute();
  return rows.map((r) => r.created_at);
}

/** How often this text was posted since `since`: by this guest, and by guests in all. */
export async function countSameText(
  db: Db,
  body: string,
  guestKey: string,
  since: string,
): Promise<{ byGuest: number; byAnyGuest: number }> {
  const rows = await db
    .selectFrom('comments')
    .select('guest_key')
    .where('body', '=', body)
    .where('created_at', '>', since)
    .where('guest_key', 'is not', null)
    .execute();
  return { byGuest: rows.filter((r) => r.guest_key === guestKey).length, byAnyGuest: rows.length };
}

/** How often this text was posted since `since` by anyone but this account (other accounts and guests). */
export async function countSameTextFromOthers(db: Db, body: string, userId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('body', '=', body)
    .where('created_at', '>', since)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '!=', userId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
