/**
 * Password reset by email. GET/POST /password/forgot takes an email or
 * username and always gives the same answer, so the form cannot be used to
 * find out who has an account here; when one matches, it emails a link to
 * GET/POST /password/reset?token=… that works once, within an hour. Setting
 * the new password ends every session of the account (whoever knew the old
 * password is logged out everywhere) and logs this browser in.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordEvent } from '../outbox/outbox.ts';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import type { RateLimitRule } from '../web/rate-limit.ts';
import { hashPassword } from './passwords.ts';
import { hashResetToken as hashToken } from './password-reset-mail.ts';
import { completePasswordReset, findUsablePasswordReset, findUserByLogin } from './queries.ts';
import { NewPasswordFields } from './password-fields.tsx';
import { fieldErrorsOf, newPasswordShape, passwordsMatch, text } from './schema.ts';
import { startSession } from './sessions.ts';
import { tooManyAttempts } from './throttle.ts';

export const passwordResetRoutes = new Hono<AppEnv>();

export const RESET_REQUESTED =
  'If an account matches what you entered, we sent a link to its email address. The link works once, for 1 hour.';
export const RESET_LINK_UNUSABLE = 'This password reset link has expired or has already been used.';

/** Requests from one client address (people mistype; bots try lists). */
const ADDRESS_RULE: RateLimitRule = { limit: 10, windowMs: 60 * 60_000 };
/** Mails to one account: enough to retry a lost message, too few to flood someone's inbox. */
const ACCOUNT_RULE: RateLimitRule = { limit: 3, windowMs: 60 * 60_000 };

const forgotSchema = z.object({
  login: text.transform((value) => value.trim()).pipe(z.string().min(1, 'Enter your email or username.').max(254)),
});

const resetSchema = z.object({ token: text, ...newPasswordShape }).refine(...passwordsMatch);

function renderForgot(c: AppContext, login = '', errors: FieldErrors = {}, status = 200): Response {
  return renderPage(
    c,
    { title: 'Forgot your password?', status },
    <section class="account-form">
      <h1>Forgot your password?</h1>
      <ErrorSummary errors={errors} />
      <p>Enter the email address or username of your account and we will email you a link to choose a new password.</p>
      <form method="post" action="/password/forgot" novalidate>
        <TextField
          name="login"
          label="Email or username"
          value={login}
          errors={errors}
          required
          autocomplete="username"
        />
        <button type="submit">Send me a reset link</button>
      </form>
      <p>
        Remembered it? <a href="/login">Log in</a>.
      </p>
    </section>,
  );
}

passwordResetRoutes.get('/password/forgot', (c) => renderForgot(c));

passwordResetRoutes.post('/password/forgot', async (c) => {
  const form = await c.req.parseBody();
  const parsed = forgotSchema.safeParse(form);
  if (!parsed.success) {
    const typed = typeof form.login === 'string' ? form.login : '';
    return renderForgot(c, typed, fieldErrorsOf(parsed.error), 422);
  }
  const { login } = parsed.data;
  const { db, rateLimiter } = c.get('deps');

  const wait = await rateLimiter.hit(`password-reset:address:${clientAddress(c)}`, ADDRESS_RULE);
  if (wait) return tooManyAttempts(c, wait);

  const user = await findUserByLogin(db, login);
  // Unknown names are counted too, and an account over its limit gets the
  // same answer as every other request: nothing here tells who exists.
  const accountKey = user ? `password-reset:account:${user.id}` : `password-reset:login:${login.toLowerCase()}`;
  const isAccountOverLimit = (await rateLimiter.hit(accountKey, ACCOUNT_RULE)) > 0;
  // The link is made and mailed after this answer, through the outbox (password-reset-mail.ts), so the
  // answer takes as long whether or not an account matched, and a slow mail server never holds it up.
  if (user && !isAccountOverLimit) await recordEvent(db, 'password-reset.requested', { userId: user.id });
  return renderPage(
    c,
    { title: 'Check your email' },
    <section class="message">
      <h1>Check your email</h1>
      <p>{RESET_REQUESTED}</p>
      <p>
        Nothing arrived? Check your spam folder, or <a href="/password/forgot">try again</a>.
      </p>
    </section>,
  );
});

function renderUnusable(c: AppContext): Response {
  return renderPage(
    c,
    { title: 'Link not valid', status: 400 },
    <section class="message">
      <h1>Link not valid</h1>
      <p>{RESET_LINK_UNUSABLE}</p>
      <p>
        <a href="/password/forgot">Ask for a new link</a>.
      </p>
    </section>,
  );
}

function renderReset(c: AppContext, token: string, errors: FieldErrors = {}, status = 200): Response {
  // The page carries a live token: keep it out of caches (the Referrer-Policy header already keeps it out of Referers).
  c.header('Cache-Control', 'no-store');
  return renderPage(
    c,
    { title: 'Choose a new password', status },
    <section class="account-form">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/password/reset" novalidate>
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields errors={errors} label="New password" confirmLabel="Confirm new password" />
        <button type="submit">Change password and log in</button>
      </form>
    </section>,
  );
}

passwordResetRoutes.get('/password/reset', async (c) => {
  const token = c.req.query('token') ?? '';
  if (!token || !(await findUsablePasswordReset(c.get('deps').db, hashToken(token)))) return renderUnusable(c);
  return renderReset(c, token);
});

passwordResetRoutes.post('/password/reset', async (c) => {
  const { db } = c.get('deps');
  const form = await c.req.parseBody();
  const token = typeof form.token === 'string' ? form.token : '';
  if (!token || !(await findUsablePasswordReset(db, hashToken(token)))) return renderUnusable(c);
  const parsed = resetSchema.safeParse(form);
  if (!parsed.success) return renderReset(c, token, fieldErrorsOf(parsed.error), 422);

  const user = await completePasswordReset(db, hashToken(token), await hashPassword(parsed.data.password));
  // Another request spent the link while this one was hashing.
  if (!user) return renderUnusable(c);
  await startSession(c, user.id);
  setFlash(c, 'Your password is changed, and you are logged in. Every other session of your account has ended.');
  return c.redirect(`/users/${encodeURIComponent(user.username)}`, 303);
});
