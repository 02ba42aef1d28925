/**
 * GET/POST /signup: open an account, log in, and land on the new profile.
 * Errors show beside their fields with what was typed kept — except the
 * passwords, which are never sent back to the browser.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { setFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { registerAccount } from './register.ts';
import { NewPasswordFields } from './password-fields.tsx';
import { fieldErrorsOf, signupSchema, typedValues, USERNAME_MAX, USERNAME_MIN } from './schema.ts';
import { startSession } from './sessions.ts';
import { hitSignupLimit, tooManyAttempts } from './throttle.ts';

export const signupRoutes = new Hono<AppEnv>();

interface SignupValues {
  username?: string;
  email?: string;
}

function renderSignup(c: AppContext, values: SignupValues = {}, errors: FieldErrors = {}, status = 200): Response {
  return renderPage(
    c,
    { title: 'Sign up', status },
    <section class="account-form">
      <h1>Create an account</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/signup" novalidate>
        <TextField
          name="username"
          label="Username"
          value={values.username}
          errors={errors}
          required
          maxlength={USERNAME_MAX}
          autocomplete="username"
          hint={`${USERNAME_MIN} to ${USERNAME_MAX} letters, digits, underscores or hyphens. It appears in your profile's address.`}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          value={values.email}
          errors={errors}
          required
          autocomplete="email"
        />
        <NewPasswordFields errors={errors} label="Password" confirmLabel="Confirm password" />
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>.
      </p>
    </section>,
  );
}

signupRoutes.get('/signup', (c) => {
  if (c.get('viewer')) return c.redirect('/', 303);
  return renderSignup(c);
});

signupRoutes.post('/signup', async (c) => {
  const form = await c.req.parseBody();
  const typed = typedValues(form);
  const kept = { username: typed.username, email: typed.email };
  const parsed = signupSchema.safeParse(form);
  if (!parsed.success) return renderSignup(c, kept, fieldErrorsOf(parsed.error), 422);

  // Counted only for well-formed sign-ups: a person fixing typos should not
  // be locked out, and malformed posts never reach the database.
  const wait = hitSignupLimit(c);
  if (wait) return tooManyAttempts(c, wait);

  const { username, email, password } = parsed.data;
  const result = await registerAccount(c.get('deps').db, { username, email, password });
  if (!result.ok) return renderSignup(c, kept, result.errors, 422);

  await startSession(c, result.user.id);
  setFlash(
    c,
    result.user.is_admin
      ? "Welcome! As the first account here, you are the archive's admin."
      : 'Welcome! Your account is ready.',
  );
  return c.redirect(`/users/${encodeURIComponent(result.user.username)}`, 303);
});
