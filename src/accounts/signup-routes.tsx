/**
 * GET/POST /signup: open an account and mail its address. Errors show beside
 * their fields with what was typed kept — except the passwords, which are
 * never sent back to the browser. Whether the email address already has an
 * account is never said: a new account and a taken address get the same
 * "check your email" page (and neither a session), and the address's owner
 * is mailed instead, so sign-up cannot be used to find out who is a member.
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import { queueMail } from '../outbox/mail.ts';
import { hashPassword } from './passwords.ts';
import { findUserByLogin } from './queries.ts';
import { registerAccount } from './register.ts';
import { requestEmailConfirmation } from './email-confirmation.ts';
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
        <SignupPromises errors={errors} minimumAge={c.get('deps').config.minimumAge} />
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>.
      </p>
    </section>,
  );
}

/** The two boxes sign-up asks to be ticked: the Terms of Service, and being old enough. */
function SignupPromises({ errors, minimumAge }: { errors: FieldErrors; minimumAge: number }) {
  const box = (name: string, label: Child) => (
    <div class={errors[name] ? 'field has-error' : 'field'}>
      <label class="choice" for={name}>
        <input
          id={name}
          type="checkbox"
          name={name}
          value="1"
          required
          aria-invalid={errors[name] ? 'true' : undefined}
          aria-describedby={errors[name] ? `${name}-error` : undefined}
        />{' '}
        {label}
      </label>
      {errors[name] ? (
        <p class="field-error" id={`${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <>
      {box(
        'accept_tos',
        <>
          I have read and accept the <a href="/tos">Terms of Service</a>.
        </>,
      )}
      {box('old_enough', `I am at least ${minimumAge} years old.`)}
    </>
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
  const result = await registerAccount(db, { username, email, password, unconfirmed: true });
  // Usernames are public (every profile shows one), so a taken one may be said; a taken email may not.
  if (!result.ok && result.errors.username) {
    return renderSignup(c, kept, { username: result.errors.username }, 422);
  }
  const login = `${config.baseUrl}/login`;
  if (result.ok && result.user.email_confirmed_at === null) {
    // The welcome mail carries the confirmation link (email-confirmation.ts).
    await db.transaction().execute((trx) => requestEmailConfirmation(trx, result.user.id, result.user.email));
  } else if (result.ok) {
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
