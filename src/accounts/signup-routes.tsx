/**
 * GET/POST /signup: open an account and mail its address. Errors show beside
 * their fields with what was typed kept — except the passwords, which are
 * never sent back to the browser. Whether the email address already has an
 * account is never said: a new account and a taken address get the same
 * "check your email" page (and neither a session), and the address's owner
 * is mailed instead, so sign-up cannot be used to find out who is a member.
 * The archive's settings (`c.get('site')`) decide whether sign-up is open,
 * by invitation (a valid, unused code, claimed before the account is made)
 * or closed, which email domains and addresses are refused, and which Terms
 * of Service version a new account accepts.
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
import { isEmailRefused } from '../web/site-settings.ts';
import { renderMessage } from '../web/layout.tsx';
import { claimInvitation, isInvitationUsable, recordInvitationUser, releaseInvitation } from './invitation-queries.ts';
import { acceptTerms } from './terms-queries.ts';

export const signupRoutes = new Hono<AppEnv>();

interface SignupValues {
  username?: string;
  email?: string;
  invitation?: string;
}

export const SIGNUP_CLOSED = 'This archive is not opening new accounts at the moment.';
export const INVITATION_WRONG = 'That invitation code is not valid, or it has been used.';
export const INVITATION_MISSING = 'Enter the invitation code you were sent.';
export const EMAIL_REFUSED = 'Sign-ups with this email address are not accepted here.';
export const TERMS_NOT_ACCEPTED = 'Accept the Terms of Service to open an account.';

function renderSignup(c: AppContext, values: SignupValues = {}, errors: FieldErrors = {}, status = 200): Response {
  const site = c.get('site');
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
        {site.accountCreation === 'invitation' ? (
          <TextField
            name="invitation"
            label="Invitation code"
            value={values.invitation}
            errors={errors}
            required
            hint={
              site.inviteQueueOn ? (
                <>
                  No invitation? <a href="/invite_requests">Ask for one</a>.
                </>
              ) : undefined
            }
          />
        ) : null}
        <SignupPromises errors={errors} minimumAge={c.get('deps').config.minimumAge} />
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>.
      </p>
    </section>,
  );
}

function closed(c: AppContext): Response {
  return renderMessage(c, 403, 'Sign-up is closed', SIGNUP_CLOSED);
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
  if (c.get('site').accountCreation === 'closed') return closed(c);
  return renderSignup(c, { invitation: c.req.query('invitation') });
});

signupRoutes.post('/signup', async (c) => {
  const site = c.get('site');
  if (site.accountCreation === 'closed') return closed(c);
  const form = await c.req.parseBody();
  const typed = typedValues(form);
  const invitation = typeof form.invitation === 'string' ? form.invitation.trim() : '';
  const kept = { username: typed.username, email: typed.email, invitation };
  const parsed = signupSchema.safeParse(form);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (parsed.success && isEmailRefused(site, parsed.data.email)) errors.email = EMAIL_REFUSED;
  const byInvitation = site.accountCreation === 'invitation';
  if (byInvitation && !invitation) errors.invitation = INVITATION_MISSING;
  if (site.tosVersion > 0 && form.accept_tos !== '1') errors.accept_tos = TERMS_NOT_ACCEPTED;
  if (!parsed.success || Object.keys(errors).length) return renderSignup(c, kept, errors, 422);

  // Counted only for well-formed sign-ups: a person fixing typos should not
  // be locked out, and malformed posts never reach the database.
  const wait = await hitSignupLimit(c);
  if (wait) return tooManyAttempts(c, wait);

  const { username, email, password } = parsed.data;
  const { db, config } = c.get('deps');
  if (byInvitation && !(await isInvitationUsable(db, invitation))) {
    return renderSignup(c, kept, { invitation: INVITATION_WRONG }, 422);
  }
  // Claimed first, so two sign-ups racing for one code cannot both get an account.
  if (byInvitation && !(await claimInvitation(db, invitation, new Date()))) {
    return renderSignup(c, kept, { invitation: INVITATION_WRONG }, 422);
  }
  const result = await registerAccount(db, { username, email, password, unconfirmed: true });
  if (byInvitation) {
    if (result.ok) await recordInvitationUser(db, invitation, result.user.id);
    else await releaseInvitation(db, invitation);
  }
  if (result.ok && site.tosVersion > 0) await acceptTerms(db, result.user.id, site.tosVersion);
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
