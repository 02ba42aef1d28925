/** The rate limiter's SQL: an atomic upsert-increment on both dialects. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Counts one attempt in the key's window starting at `windowStart`; returns the window's count. */
export async function incrementRateLimit(
  db: Db,
  key: string,
  windowStart: number,
  expiresAt: number,
): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, expires_at: expiresAt, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // Both sides read the old row: a new window starts over at 1.
        count: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end`,
        window_start: sql<number>`excluded.window_start`,
        expires_at: sql<number>`excluded.expires_at`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The key's count in the window starting at `windowStart` (0 when none or an older one). */
export async function rateLimitCount(db: Db, key: string, windowStart: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

export async function deleteRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function deleteExpiredRateLimits(db: Db, now: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<=', now).execute();
}
