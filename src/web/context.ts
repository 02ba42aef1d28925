/**
 * What every request handler can reach: the app's dependencies and the
 * viewer (the logged-in user, or null for a guest).
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { SettingsSource, SiteSettings } from './site-settings.ts';
import type { BlurbExtra } from './blurb-extras.ts';
import type { OwnNotice } from './own-notices.ts';
import type { WorkFormExtra } from './work-form-extras.ts';
import type { ReplicaSet } from '../db/replicas.ts';
import type { RecentWriters } from './read-db.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  rateLimiter: RateLimiter;
  mailer: Mailer;
  /** The request log (src/ops/logging.ts): each line names the request's id. Silent in tests. */
  logger: Logger;
  /** The archive's settings in the database, cached (src/settings/store.ts). */
  settings: SettingsSource;
  /** What other domains add under a listing's blurbs for a member (blurb-extras.ts). */
  blurbExtras?: readonly BlurbExtra[];
  /** What other domains add to a work's post and edit forms (work-form-extras.ts). */
  workFormExtras?: readonly WorkFormExtra[];
  /** What other domains tell a member at the top of their inbox and dashboard (own-notices.ts). */
  ownNotices?: readonly OwnNotice[];
  /** Streaming replicas for lag-tolerant reads (DATABASE_REPLICA_URLS); ask `readDb(c)`, never this. */
  replicas?: ReplicaSet;
  /** Who wrote in the last seconds through this process, so `readDb(c)` keeps them on the primary. */
  recentWriters?: RecentWriters;
  /** What time it is: tests fix it (`makeTestApp(db, { clock })`); ask `nowOf(c)`, never this. */
  clock?: () => Date;
}

/** The logged-in person as policies and views see them. */
export interface Viewer {
  id: number;
  username: string;
  isAdmin: boolean;
  isWrangler: boolean;
  isModerator: boolean;
  /** Reads reports and user details, cannot act (absent on viewers made for mail). */
  isSupport?: boolean;
  /** A suspension in force until then (ISO time): may read, not write. */
  suspendedUntil?: string | null;
  skipAdultNotice: boolean;
  hideWarnings: boolean;
  hideFreeform: boolean;
  sessionId: string;
  /** The account has not confirmed its email address yet: it reads, but does not post, comment or bookmark. */
  unconfirmed?: boolean;
  /** Unread inbox items, for the header; read with the session (absent for API tokens). */
  unreadInbox?: number;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    viewer: Viewer | null;
    /** The archive's settings for this request (src/web/site-settings.ts). */
    site: SiteSettings;
  };
};

export type AppContext = Context<AppEnv>;

/**
 * The client address used for rate limits. Behind N trusted proxies (QUIRE_TRUST_PROXY=N) it is the Nth
 * X-Forwarded-For entry from the right — the one our outermost proxy appended — never the leftmost, which
 * the client writes itself (nginx's `proxy_add_x_forwarded_for` keeps what the client sent and appends).
 */
export function clientAddress(c: AppContext): string {
  const hops = c.get('deps').config.trustProxy;
  if (hops > 0) {
    // Several X-Forwarded-For headers count as one list, in order.
    const entries = (c.req.raw.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const appended = entries[entries.length - hops];
    if (appended) return appended;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** The current instant as the app's clock tells it (a fixed one in tests of dates that open and close things). */
export function nowOf(c: AppContext): Date {
  return c.get('deps').clock?.() ?? new Date();
}
