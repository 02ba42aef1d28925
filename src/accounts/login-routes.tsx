/**
 * GET/POST /login and POST /logout. A failed log-in says the same thing
 * whether the account exists or not, and takes as long: unknown names are
 * checked against a dummy hash.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords.ts';
import { findUserByLogin } from './queries.ts';
import { fieldErrorsOf, loginSchema, safeReturnTo } from './schema.ts';
import { deleteSession } from './session-queries.ts';
import { endSession, startSession } from './sessions.ts';
import { countLoginFailure, forgetLoginFailures, loginWait, tooManyAttempts } from './throttle.ts';
import { setPendingLogin } from './two-factor/pending-login.ts';
import { hasTwoFactorOn } from './two-factor/queries.ts';

export const loginRoutes = new Hono<AppEnv>();

export const LOGIN_FAILED = 'The username/email or password is incorrect.';

interface LoginView {
  login?: string;
  returnTo: string;
  errors?: FieldErrors;
  failed?: boolean;
}

function renderLogin(c: AppContext, view: LoginView, status = 200): Response {
  const errors = view.errors ?? {};
  return renderPage(
    c,
    { title: 'Log in', status },
    <section class="account-form">
      <h1>Log in</h1>
      {view.failed ? (
        <div class="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{LOGIN_FAILED}</p>
        </div>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="return_to" value={view.returnTo} />
        <TextField
          name="login"
          label="Username or email"
          value={view.login}
          errors={errors}
          required
          autocomplete="username"
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
        />
        <button type="submit">Log in</button>
      </form>
      <p>
        <a href="/password/forgot">Forgot password?</a>
      </p>
      <p>
        New here? <a href="/signup">Create an account</a>.
      </p>
    </section>,
  );
}

loginRoutes.get('/login', (c) => {
  const returnTo = safeReturnTo(c.req.query('return_to'));
  if (c.get('viewer')) return c.redirect(returnTo, 303);
  return renderLogin(c, { returnTo });
});

loginRoutes.post('/login', async (c) => {
  const form = await c.req.parseBody();
  const returnTo = safeReturnTo(form.return_to ?? c.req.query('return_to'));
  const typedLogin = typeof form.login === 'string' ? form.login : '';
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) {
    return renderLogin(c, { login: typedLogin, returnTo, errors: fieldErrorsOf(parsed.error) }, 422);
  }
  const { login, password } = parsed.data;

  const wait = await loginWait(c, login);
  if (wait) return tooManyAttempts(c, wait);

  const { db } = c.get('deps');
  const user = await findUserByLogin(db, login);
  const isValid = user
    ? await verifyPassword(user.password_hash, password)
    : await verifyPassword(await DUMMY_HASH_PROMISE, password).then(() => false);
  if (!user || !isValid) {
    await countLoginFailure(c, login);
    return renderLogin(c, { login: typedLogin, returnTo, failed: true }, 422);
  }

  // A banned account cannot log in; the right password earns it the reason (a wrong one learns nothing).
  if (user.banned_at) {
    return renderMessage(c, 403, 'This account is banned', `A moderator banned this account: ${user.ban_reason ?? ''}`);
  }
  // A fresh session on every log-in, so a token planted before cannot ride along.
  const previous = c.get('viewer');
  if (previous) await deleteSession(db, previous.sessionId);
  await forgetLoginFailures(c, login);
  // The password was right; with two-factor sign-in on, the session waits for the code (two-factor/login-routes.tsx).
  if (await hasTwoFactorOn(db, user.id)) {
    await setPendingLogin(c, user.id);
    return c.redirect(`/login/two-factor?return_to=${encodeURIComponent(returnTo)}`, 303);
  }
  await startSession(c, user.id);
  setFlash(c, `Logged in as ${user.username}.`);
  return c.redirect(returnTo, 303);
});

loginRoutes.post('/logout', async (c) => {
  await endSession(c);
  setFlash(c, 'You have logged out.');
  return c.redirect('/', 303);
});
