/**
 * Rate limits on the account forms. Log-in counts failures only — per client
 * address, per name tried, and per address and name together — so neither
 * one address guessing many accounts nor many addresses guessing one account
 * gets far, while correct log-ins never use up a limit. A name that many
 * addresses failed on is locked only for those addresses: the lock slows
 * guessing, and must not be a way to lock the account's owner out.
 */
import { renderMessage } from '../web/layout.tsx';
import { clientAddress, type AppContext } from '../web/context.ts';
import { RULES } from '../web/rate-limit.ts';

const nameKey = (login: string) => login.trim().toLowerCase();
const keys = (c: AppContext, login: string) => {
  const address = clientAddress(c);
  return {
    address: `login:address:${address}`,
    name: `login:name:${nameKey(login)}`,
    pair: `login:pair:${address}:${nameKey(login)}`,
  };
};

/**
 * Before the password is checked: the seconds to wait when this address has
 * failed too often, or when the name is locked and this address has failed
 * on it; else 0. Counts nothing.
 */
export async function loginWait(c: AppContext, login: string): Promise<number> {
  const { rateLimiter } = c.get('deps');
  const key = keys(c, login);
  const byAddress = await rateLimiter.waitFor(key.address, RULES.login);
  const failedHere = (await rateLimiter.countOf(key.pair, RULES.login)) > 0;
  const byName = failedHere ? await rateLimiter.waitFor(key.name, RULES.login) : 0;
  return Math.max(byAddress, byName);
}

/** Counts a wrong password (or an unknown name) against the address, the name and the two together. */
export async function countLoginFailure(c: AppContext, login: string): Promise<void> {
  const { rateLimiter } = c.get('deps');
  const key = keys(c, login);
  for (const k of [key.address, key.name, key.pair]) await rateLimiter.hit(k, RULES.login);
}

/** After a correct log-in this address starts over on the name (the name's count, seen by others, does not). */
export async function forgetLoginFailures(c: AppContext, login: string): Promise<void> {
  await c.get('deps').rateLimiter.reset(keys(c, login).pair);
}

/** Counts a sign-up; returns the seconds to wait, or 0. */
export function hitSignupLimit(c: AppContext): Promise<number> {
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
