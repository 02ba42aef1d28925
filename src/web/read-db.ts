/**
 * The one place that chooses which database handle a request reads from. With DATABASE_REPLICA_URLS set,
 * reads that tolerate a little lag (listings, tag pages, search, feeds, OPDS, downloads) go to a streaming
 * replica (src/db/replicas.ts) — except for someone who has just written: every state-changing request
 * leaves a short-lived cookie, and this process remembers the writer (a session or an API token) for as
 * long, so they read from the primary and always see what they just posted.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/database.ts';
import type { AppContext, AppEnv } from './context.ts';

export const FRESH_WRITE_COOKIE = 'quire_fresh';
/** Longer than a healthy replica's lag; the cookie and the in-process memory both last this long. */
export const FRESH_WRITE_SECONDS = 10;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The people (by user id) who wrote in the last few seconds through this process: API tokens carry no cookie. */
export class RecentWriters {
  private readonly until = new Map<number, number>();

  constructor(
    private readonly seconds = FRESH_WRITE_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  mark(userId: number): void {
    const now = this.now();
    if (this.until.size > 10_000) {
      for (const [id, until] of this.until) if (until <= now) this.until.delete(id);
    }
    this.until.set(userId, now + this.seconds * 1000);
  }

  wroteRecently(userId: number): boolean {
    const until = this.until.get(userId);
    return until !== undefined && until > this.now();
  }
}

/** The handle this request's lag-tolerant reads use: a replica's, or the primary's for a fresh writer. */
export function readDb(c: AppContext): Db {
  const deps = c.get('deps');
  if (!deps.replicas) return deps.db;
  if (!SAFE_METHODS.has(c.req.method)) return deps.db;
  if (getCookie(c, FRESH_WRITE_COOKIE)) return deps.db;
  const viewer = c.get('viewer');
  if (viewer && deps.recentWriters?.wroteRecently(viewer.id)) return deps.db;
  return deps.replicas.db;
}

/** After every state-changing request: the cookie (across workers, guests included) and this process's memory. */
export const rememberWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (SAFE_METHODS.has(c.req.method)) return;
  const deps = c.get('deps');
  if (!deps.replicas) return;
  const viewer = c.get('viewer');
  if (viewer) deps.recentWriters?.mark(viewer.id);
  setCookie(c, FRESH_WRITE_COOKIE, '1', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: FRESH_WRITE_SECONDS,
    secure: deps.config.isSecure,
  });
};
