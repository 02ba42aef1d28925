/**
 * What every request handler can reach: the app's dependencies and the
 * viewer (the logged-in user, or null for a guest).
 */
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  rateLimiter: RateLimiter;
  mailer: Mailer;
}

/** The logged-in person as policies and views see them. */
export interface Viewer {
  id: number;
  username: string;
  isAdmin: boolean;
  isWrangler: boolean;
  isModerator: boolean;
  skipAdultNotice: boolean;
  hideWarnings: boolean;
  hideFreeform: boolean;
  sessionId: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    viewer: Viewer | null;
  };
};

export type AppContext = Context<AppEnv>;

/** The client address used for rate limits; X-Forwarded-For only when QUIRE_TRUST_PROXY says a proxy sets it. */
export function clientAddress(c: AppContext): string {
  if (c.get('deps').config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
