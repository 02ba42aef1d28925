/**
 * Rate limits on the account forms, keyed by client address and (for
 * log-in) by the name being tried, so neither one address guessing many
 * accounts nor many addresses guessing one account gets far.
 */
import { renderMessage } from '../web/layout.tsx';
import { clientAddress, type AppContext } from '../web/context.ts';
import { RULES } from '../web/rate-limit.ts';

/** Counts a log-in attempt; returns the seconds to wait, or 0. */
export function hitLoginLimit(c: AppContext, login: string): number {
  const { rateLimiter } = c.get('deps');
  const byAddress = rateLimiter.hit(`login:address:${clientAddress(c)}`, RULES.login);
  const byName = rateLimiter.hit(`login:name:${login.trim().toLowerCase()}`, RULES.login);
  return Math.max(byAddress, byName);
}

/** After a successful log-in the name's count starts over (the address's does not). */
export function resetLoginNameLimit(c: AppContext, login: string): void {
  c.get('deps').rateLimiter.reset(`login:name:${login.trim().toLowerCase()}`);
}

/** Counts a sign-up; returns the seconds to wait, or 0. */
export function hitSignupLimit(c: AppContext): number {
  return c.get('deps').rateLimiter.hit(`signup:address:${clientAddress(c)}`, RULES.signup);
}

export function tooManyAttempts(c: AppContext, seconds: number): Response {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  c.header('Retry-After', String(seconds));
  return renderMessage(
    c,
    429,
    'Too many attempts',
    `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  );
}
