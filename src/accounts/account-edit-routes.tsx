/**
 * GET /users/:name/edit: the owner changes their account, each change
 * behind their current password. POST …/edit/username renames the account
 * (once a week; the old name redirects and is held for 30 days), …/edit/email
 * mails a confirmation link to the new address (it takes effect only then)
 * and tells the old one, …/edit/password sets a new password and ends every
 * other session and credential. Every change is mailed to the account.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { User } from './accounts.table.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { queueMail } from '../outbox/mail.ts';
import { can as canUser } from './policy.ts';
import { changePassword, FORMER_NAME_DAYS, renameUser, RENAME_EVERY_DAYS } from './account-change-queries.ts';
import { requestEmailConfirmation } from './email-confirmation.ts';
import { NewPasswordFields } from './password-fields.tsx';
import { hashPassword } from './passwords.ts';
import { recheckPassword, WRONG_PASSWORD } from './password-recheck.ts';
import { findUserByName, uniqueViolationField } from './queries.ts';
import { requireViewer } from './require-login.ts';
import {
  emailSchema,
  fieldErrorsOf,
  newPasswordShape,
  passwordsMatch,
  usernameSchema,
  USERNAME_MAX,
} from './schema.ts';
import { tooManyAttempts } from './throttle.ts';

export const accountEditRoutes = new Hono<AppEnv>();

const editPath = (name: string) => `/users/${encodeURIComponent(name)}/edit`;

/** The viewer's own account, or the Response that refuses. */
export async function ownAccount(c: AppContext): Promise<{ user: User; viewer: Viewer } | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const user = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user by that name.');
  if (!canUser(viewer, 'change-account', user)) {
    return renderMessage(c, 403, 'Not your account', `Only ${user.username} can change ${user.username}'s account.`);
  }
  return { user, viewer };
}

interface EditState {
  errors?: FieldErrors;
  values?: { username?: string; email?: string };
  status?: number;
}

function renderEdit(c: AppContext, user: User, { errors = {}, values = {}, status = 200 }: EditState = {}) {
  const base = editPath(user.username);
  const me = `/users/${encodeURIComponent(user.username)}`;
  return renderPage(
    c,
    { title: 'Edit your account', status },
    <section class="account-form">
      <h1>Edit your account</h1>
      <ErrorSummary errors={errors} />
      <h2>Username</h2>
      <form method="post" action={`${base}/username`} novalidate>
        <TextField
          name="username"
          label="New username"
          value={values.username ?? user.username}
          errors={errors}
          required
          maxlength={USERNAME_MAX}
          autocomplete="username"
          hint={`At most once every ${RENAME_EVERY_DAYS} days. Links to your old name keep working for ${FORMER_NAME_DAYS} days, and nobody else can take it meanwhile.`}
        />
        <TextField name="username_password" label="Current password" type="password" errors={errors} required />
        <button type="submit">Change username</button>
      </form>
      <h2>Email</h2>
      <p>
        Your address is <strong>{user.email}</strong>.
      </p>
      <form method="post" action={`${base}/email`} novalidate>
        <TextField
          name="email"
          label="New email address"
          type="email"
          value={values.email}
          errors={errors}
          required
          autocomplete="email"
          hint="We mail a link to the new address; it becomes yours when you open it. Your current address is told."
        />
        <TextField name="email_password" label="Current password" type="password" errors={errors} required />
        <button type="submit">Change email</button>
      </form>
      <h2>Password</h2>
      <form method="post" action={`${base}/password`} novalidate>
        <TextField name="current_password" label="Current password" type="password" errors={errors} required />
        <NewPasswordFields errors={errors} label="New password" confirmLabel="Confirm new password" />
        <p class="hint">
          Changing it logs you out everywhere else and revokes every API token and app password (KOReader keys too).
        </p>
        <button type="submit">Change password</button>
      </form>
      <h2>Your things</h2>
      <ul>
        <li>
          <a href={`${me}/pseuds`}>Pseuds</a>
        </li>
        <li>
          <a href={`${me}/orphan`}>Orphan works</a>
        </li>
        <li>
          <a href={`${me}/export`}>Export my data</a>
        </li>
        <li>
          <a href={`${me}/delete`}>Delete my account</a>
        </li>
      </ul>
    </section>,
  );
}

/** Mails the account's address that something changed (through the outbox). */
async function tellAccount(c: AppContext, to: string, username: string, what: string): Promise<void> {
  const { db, config } = c.get('deps');
  await queueMail(db, {
    to,
    subject: `Your account on ${config.archiveName} was changed`,
    text: [
      `Hello ${username},`,
      '',
      what,
      '',
      `If this was not you, reset your password at ${config.baseUrl}/password/forgot and write to the archive's admins.`,
    ].join('\n'),
  });
}

accountEditRoutes.get('/users/:name/edit', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  return renderEdit(c, owned.user);
});

/** The re-check's answer as a re-rendered form, or null when the password was right. */
async function refusedRecheck(
  c: AppContext,
  owned: { user: User; viewer: Viewer },
  field: string,
  password: unknown,
  values: EditState['values'],
) {
  const check = await recheckPassword(c, owned.viewer, password);
  if (check === 'ok') return null;
  if (check === 'wrong') return renderEdit(c, owned.user, { errors: { [field]: WRONG_PASSWORD }, values, status: 422 });
  return tooManyAttempts(c, check);
}

accountEditRoutes.post('/users/:name/edit/username', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const form = await c.req.parseBody();
  const parsed = usernameSchema.safeParse(form.username);
  const typed = typeof form.username === 'string' ? form.username : '';
  if (!parsed.success) {
    return renderEdit(c, owned.user, {
      errors: { username: parsed.error.issues[0].message },
      values: { username: typed },
      status: 422,
    });
  }
  const refused = await refusedRecheck(c, owned, 'username_password', form.username_password, { username: typed });
  if (refused) return refused;
  const { db } = c.get('deps');
  let outcome;
  try {
    outcome = await renameUser(db, owned.user.id, parsed.data);
  } catch (error) {
    if (uniqueViolationField(error) !== 'username') throw error;
    outcome = { ok: false, reason: 'taken' } as const;
  }
  if (!outcome.ok) {
    const message =
      outcome.reason === 'too-soon'
        ? `You changed your username less than ${RENAME_EVERY_DAYS} days ago; try again later.`
        : 'That username is already taken.';
    return renderEdit(c, owned.user, { errors: { username: message }, values: { username: typed }, status: 422 });
  }
  await tellAccount(
    c,
    owned.user.email,
    parsed.data,
    `Your username changed from ${outcome.oldName} to ${parsed.data}. Links to ${outcome.oldName} lead to your new name for ${FORMER_NAME_DAYS} days.`,
  );
  return redirectWithFlash(c, editPath(parsed.data), `Your username is now ${parsed.data}.`);
});

accountEditRoutes.post('/users/:name/edit/email', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const form = await c.req.parseBody();
  const parsed = emailSchema.safeParse(form.email);
  const typed = typeof form.email === 'string' ? form.email : '';
  if (!parsed.success) {
    return renderEdit(c, owned.user, {
      errors: { email: parsed.error.issues[0].message },
      values: { email: typed },
      status: 422,
    });
  }
  const refused = await refusedRecheck(c, owned, 'email_password', form.email_password, { email: typed });
  if (refused) return refused;
  const { db, config } = c.get('deps');
  const email = parsed.data;
  await db.transaction().execute(async (trx) => {
    await requestEmailConfirmation(trx, owned.user.id, email);
    await queueMail(trx, {
      to: owned.user.email,
      subject: `Your email address on ${config.archiveName} is being changed`,
      text: [
        `Hello ${owned.user.username},`,
        '',
        `Someone logged in as you asked to change your account's email address to ${email}. It takes effect when the link mailed there is opened; until then mail comes here.`,
        `If this was not you, change your password at ${config.baseUrl}${editPath(owned.user.username)} and write to the archive's admins.`,
      ].join('\n'),
    });
  });
  return redirectWithFlash(
    c,
    editPath(owned.user.username),
    `We mailed a link to ${email}. Your address changes when you open it (within 7 days).`,
  );
});

const passwordChangeSchema = z.object(newPasswordShape).refine(...passwordsMatch);

accountEditRoutes.post('/users/:name/edit/password', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const form = await c.req.parseBody();
  const parsed = passwordChangeSchema.safeParse(form);
  if (!parsed.success) return renderEdit(c, owned.user, { errors: fieldErrorsOf(parsed.error), status: 422 });
  const refused = await refusedRecheck(c, owned, 'current_password', form.current_password, {});
  if (refused) return refused;
  const { db } = c.get('deps');
  const hash = await hashPassword(parsed.data.password);
  const ended = await db
    .transaction()
    .execute((trx) => changePassword(trx, owned.user.id, hash, owned.viewer.sessionId));
  await tellAccount(
    c,
    owned.user.email,
    owned.user.username,
    'Your password was changed. Every other session was logged out, and every API token and app password (KOReader keys included) was revoked.',
  );
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return redirectWithFlash(
    c,
    editPath(owned.user.username),
    `Your password is changed. We logged out ${plural(ended.sessions, 'other session')} and revoked ${plural(ended.credentials, 'API token and app password')} (KOReader keys included); make new ones in Preferences.`,
  );
});
