/**
 * `/login/two-factor`: the log-in's second step, after a right password for an account with two-factor
 * sign-in on. Failures are counted per account and per client address (as the password step counts), so
 * six digits cannot be guessed at speed; a right code or recovery code starts the session.
 */
import { Hono } from 'hono';
import { clientAddress, type AppContext, type AppEnv } from '../../web/context.ts';
import { setFlash } from '../../web/flash.ts';
import { renderPage } from '../../web/layout.tsx';
import type { RateLimitRule } from '../../web/rate-limit.ts';
import { safeReturnTo } from '../schema.ts';
import { findUserContact } from '../queries.ts';
import { startSession } from '../sessions.ts';
import { tooManyAttempts } from '../throttle.ts';
import { clearPendingLogin, pendingLoginUser } from './pending-login.ts';
import { verifySecondFactor } from './verify.ts';

export const twoFactorLoginRoutes = new Hono<AppEnv>();

/** Wrong codes per account; an address (many people behind one) may fail more often across accounts. */
export const TWO_FACTOR_RULE: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };
const ADDRESS_RULE: RateLimitRule = { limit: 30, windowMs: 15 * 60_000 };
export const CODE_WRONG = 'That code is not right, or it was already used.';

function renderCodeForm(c: AppContext, returnTo: string, failed = false, status = 200): Response {
  return renderPage(
    c,
    { title: 'Two-factor sign-in', status },
    <section class="account-form">
      <h1>Enter your code</h1>
      {failed ? (
        <div class="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{CODE_WRONG}</p>
        </div>
      ) : null}
      <form method="post" action="/login/two-factor" novalidate>
        <input type="hidden" name="return_to" value={returnTo} />
        <div class="field">
          <label for="code">The six-digit code from your authenticator app, or a recovery code</label>
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required />
        </div>
        <button type="submit">Log in</button>
      </form>
      <p>
        <a href="/login">Start again</a>
      </p>
    </section>,
  );
}

twoFactorLoginRoutes.get('/login/two-factor', async (c) => {
  const returnTo = safeReturnTo(c.req.query('return_to'));
  if (!(await pendingLoginUser(c))) return c.redirect(`/login?return_to=${encodeURIComponent(returnTo)}`, 303);
  return renderCodeForm(c, returnTo);
});

twoFactorLoginRoutes.post('/login/two-factor', async (c) => {
  const form = await c.req.parseBody();
  const returnTo = safeReturnTo(form.return_to);
  const userId = await pendingLoginUser(c);
  if (!userId) return c.redirect(`/login?return_to=${encodeURIComponent(returnTo)}`, 303);
  const { db, rateLimiter } = c.get('deps');
  const userKey = `two-factor:user:${userId}`;
  const addressKey = `two-factor:address:${clientAddress(c)}`;
  const wait = Math.max(
    await rateLimiter.waitFor(userKey, TWO_FACTOR_RULE),
    await rateLimiter.waitFor(addressKey, ADDRESS_RULE),
  );
  if (wait) return tooManyAttempts(c, wait);

  const typed = typeof form.code === 'string' ? form.code : '';
  const factor = await verifySecondFactor(db, userId, typed);
  const user = factor ? await findUserContact(db, userId) : undefined;
  if (!factor || !user) {
    await rateLimiter.hit(userKey, TWO_FACTOR_RULE);
    await rateLimiter.hit(addressKey, ADDRESS_RULE);
    return renderCodeForm(c, returnTo, true, 422);
  }
  clearPendingLogin(c);
  await rateLimiter.reset(userKey);
  await startSession(c, user.id);
  setFlash(
    c,
    factor === 'recovery'
      ? `Logged in as ${user.username} with a recovery code; that code cannot be used again.`
      : `Logged in as ${user.username}.`,
  );
  return c.redirect(returnTo, 303);
});
