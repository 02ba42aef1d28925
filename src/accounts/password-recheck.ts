/**
 * The password re-check in front of account changes (username, email,
 * password, deleting the account): a stolen session alone cannot take an
 * account over. Wrong guesses are counted per account, so the re-check is no
 * way to guess the password either.
 */
import type { AppContext, Viewer } from '../web/context.ts';
import type { RateLimitRule } from '../web/rate-limit.ts';
import { findPasswordHash } from './account-change-queries.ts';
import { verifyPassword } from './passwords.ts';

const RECHECK_RULE: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };

export const WRONG_PASSWORD = 'That is not your current password.';

/** 'ok', 'wrong', or the seconds to wait after too many wrong ones. */
export async function recheckPassword(
  c: AppContext,
  viewer: Viewer,
  password: unknown,
): Promise<'ok' | 'wrong' | number> {
  const { db, rateLimiter } = c.get('deps');
  const key = `password-recheck:${viewer.id}`;
  const wait = await rateLimiter.waitFor(key, RECHECK_RULE);
  if (wait) return wait;
  const hash = await findPasswordHash(db, viewer.id);
  if (hash && typeof password === 'string' && password && (await verifyPassword(hash, password))) return 'ok';
  await rateLimiter.hit(key, RECHECK_RULE);
  return 'wrong';
}
