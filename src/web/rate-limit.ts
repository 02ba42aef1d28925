/**
 * A fixed-window rate limiter kept in memory: enough for one server process,
 * which is how Quire runs. Used for log-in, sign-up and posting.
 */
export interface RateLimitRule {
  /** How many attempts a key may make in one window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one attempt; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, rule: RateLimitRule): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= rule.windowMs) {
      this.windows.set(key, { startedAt: now, count: 1 });
      this.sweep(now, rule.windowMs);
      return 0;
    }
    window.count += 1;
    if (window.count <= rule.limit) return 0;
    return Math.ceil((window.startedAt + rule.windowMs - now) / 1000);
  }

  /**
   * Like `hit`, and also says how many attempts are left in the window and
   * when it resets: what the API's RateLimit headers tell clients.
   */
  take(key: string, rule: RateLimitRule): { wait: number; remaining: number; resetSeconds: number } {
    const wait = this.hit(key, rule);
    const window = this.windows.get(key)!;
    return {
      wait,
      remaining: Math.max(0, rule.limit - window.count),
      resetSeconds: Math.max(0, Math.ceil((window.startedAt + rule.windowMs - this.now()) / 1000)),
    };
  }

  /** Attempts counted for the key in its current window, without counting one. */
  countOf(key: string, rule: RateLimitRule): number {
    const window = this.windows.get(key);
    return window && this.now() - window.startedAt < rule.windowMs ? window.count : 0;
  }

  /** Without counting: the seconds to wait when the key has used up its limit, else 0. */
  waitFor(key: string, rule: RateLimitRule): number {
    const window = this.windows.get(key);
    if (!window || this.countOf(key, rule) < rule.limit) return 0;
    return Math.ceil((window.startedAt + rule.windowMs - this.now()) / 1000);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  // Keeps memory bounded under a flood of distinct keys.
  private sweep(now: number, windowMs: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= windowMs) this.windows.delete(key);
    }
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
