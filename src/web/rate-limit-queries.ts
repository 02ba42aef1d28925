/** The rate limiter's SQL: an atomic upsert-increment on both dialects. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Counts one attempt at `now`; a key without a live window starts one of `windowMs` (count 1). Returns the
 * window's count and start.
 */
export async function incrementRateLimit(
  db: Db,
  key: string,
  now: number,
  windowMs: number,
): Promise<{ count: number; windowStart: number }> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, expires_at: now + windowMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // Every right-hand side reads the old row: an ended window starts over at 1.
        count: sql<number>`case when rate_limits.expires_at <= excluded.window_start then 1 else rate_limits.count + 1 end`,
        window_start: sql<number>`case when rate_limits.expires_at <= excluded.window_start then excluded.window_start else rate_limits.window_start end`,
        expires_at: sql<number>`case when rate_limits.expires_at <= excluded.window_start then excluded.expires_at else rate_limits.expires_at end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: Number(row.window_start) };
}

/** The key's live window at `now`: its count and start (count 0 when none). */
export async function rateLimitWindow(
  db: Db,
  key: string,
  now: number,
): Promise<{ count: number; windowStart: number }> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['count', 'window_start'])
    .where('key', '=', key)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { count: Number(row.count), windowStart: Number(row.window_start) } : { count: 0, windowStart: now };
}

export async function deleteRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function deleteExpiredRateLimits(db: Db, now: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<=', now).execute();
}
