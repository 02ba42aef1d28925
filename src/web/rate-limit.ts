/**
 * A fixed-window rate limiter kept in the database (`rate_limits`), so a
 * limit holds across every server process of `quire serve --workers N`.
 * A key's window starts at its first attempt and lasts the rule's length;
 * each attempt is one atomic upsert-increment (no read-then-write race
 * between processes). Used
 * for log-in, sign-up, posting, importing, downloads and the API.
 */
import type { Db } from '../db/database.ts';
import { deleteExpiredRateLimits, deleteRateLimit, incrementRateLimit, rateLimitWindow } from './rate-limit-queries.ts';

export interface RateLimitRule {
  /** How many attempts a key may make in one window. */
  limit: number;
  windowMs: number;
}

/** One in this many attempts also sweeps expired rows, keeping the table small under a flood of keys. */
const SWEEP_EVERY = 500;

export class RateLimiter {
  private attempts = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; returns the seconds to wait when the key is over its limit, else 0. */
  async hit(key: string, rule: RateLimitRule): Promise<number> {
    return (await this.take(key, rule)).wait;
  }

  /**
   * Like `hit`, and also says how many attempts are left in the window and
   * when it resets: what the API's RateLimit headers tell clients.
   */
  async take(key: string, rule: RateLimitRule): Promise<{ wait: number; remaining: number; resetSeconds: number }> {
    const now = this.now();
    const { count, windowStart } = await incrementRateLimit(this.db, key, now, rule.windowMs);
    if (++this.attempts % SWEEP_EVERY === 0) await deleteExpiredRateLimits(this.db, now);
    const resetSeconds = Math.max(0, Math.ceil((windowStart + rule.windowMs - now) / 1000));
    return { wait: count <= rule.limit ? 0 : resetSeconds, remaining: Math.max(0, rule.limit - count), resetSeconds };
  }

  /** Attempts counted for the key in its current window, without counting one. */
  async countOf(key: string, _rule: RateLimitRule): Promise<number> {
    return (await rateLimitWindow(this.db, key, this.now())).count;
  }

  /** Without counting: the seconds to wait when the key has used up its limit, else 0. */
  async waitFor(key: string, rule: RateLimitRule): Promise<number> {
    const now = this.now();
    const { count, windowStart } = await rateLimitWindow(this.db, key, now);
    if (count < rule.limit) return 0;
    return Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
  }

  async reset(key: string): Promise<void> {
    await deleteRateLimit(this.db, key);
  }
}

export const RULES = {
  login: { limit: 10, windowMs: 15 * 60_000 },
  signup: { limit: 5, windowMs: 60 * 60_000 },
  posting: { limit: 30, windowMs: 60 * 60_000 },
  importing: { limit: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimitRule>;

/** When a limited person may try again, in words: "in 7 minutes, after 18:45 UTC". */
export function tryAgainText(waitSeconds: number, now = new Date()): string {
  const when = new Date(now.getTime() + waitSeconds * 1000).toISOString().slice(11, 16);
  const minutes = Math.ceil(waitSeconds / 60);
  const span =
    waitSeconds < 60
      ? `${waitSeconds} ${waitSeconds === 1 ? 'second' : 'seconds'}`
      : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return `Please try again in ${span}, after ${when} UTC.`;
}
