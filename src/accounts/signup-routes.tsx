/**
 * GET/POST /signup: open an account and mail its address. Errors show beside
 * their fields with what was typed kept — except the passwords, which are
 * never sent back to the browser. Whether the email address already has an
 * account is never said: a new account and a taken address get the same
 * "check your email" page (and neither a session), and the address's owner
 * is mailed instead, so sign-up cannot be used to find out who is a member.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import { queueMail } from '../outbox/mail.ts';
import { hashPassword } from './passwords.ts';
import { findUserByLogin } from './queries.ts';
import { registerAccount } from './register.ts';
import { NewPasswordFields } from './password-fields.tsx';
import { fieldErrorsOf, signupSchema, typedValues, USERNAME_MAX, USERNAME_MIN } from './schema.ts';
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
  const wait = await hitSignupLimit(c);
  if (wait) return tooManyAttempts(c, wait);

  const { username, email, password } = parsed.data;
  const { db, config } = c.get('deps');
  const result = await registerAccount(db, { username, email, password });
  // Usernames are public (every profile shows one), so a taken one may be said; a taken email may not.
  if (!result.ok && result.errors.username) {
    return renderSignup(c, kept, { username: result.errors.username }, 422);
  }
  const login = `${config.baseUrl}/login`;
  if (result.ok) {
    await queueMail(db, {
      to: result.user.email,
      subject: `Welcome to ${config.archiveName}`,
      text: [
        `Hello ${result.user.username},`,
        '',
        `Your account on ${config.archiveName} is ready${result.user.is_admin ? ": as the first account here, you are the archive's admin" : ''}.`,
        `Log in with your username and password at ${login}`,
      ].join('\n'),
    });
  } else {
    // As long as a new account takes (the password is hashed there), so the wait does not tell either.
    await hashPassword(password);
    const owner = await findUserByLogin(db, email);
    if (owner) {
      await queueMail(db, {
        to: owner.email,
        subject: `Someone tried to sign up on ${config.archiveName} with your email address`,
        text: [
          `Hello ${owner.username},`,
          '',
          `Someone tried to open a new account on ${config.archiveName} with this email address, which already has yours.`,
          `If it was you, log in at ${login} (or reset your password at ${config.baseUrl}/password/forgot).`,
          'If it was not, you need do nothing: no account was made and yours is unchanged.',
        ].join('\n'),
      });
    }
  }
  return renderPage(
    c,
    { title: 'Check your email' },
    <section class="message">
      <h1>Check your email</h1>
      <p>{SIGNUP_MAILED}</p>
      <p>
        <a href="/login">Log in</a>
      </p>
    </section>,
  );
});

export const SIGNUP_MAILED =
  'We have sent a message about your sign-up to the email address you gave. If the account is new, you can log in now with the username and password you chose.';
