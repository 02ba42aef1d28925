/**
 * GET/POST /users/:name/delete: the owner deletes their account behind their
 * password, choosing whether the works they made alone are deleted or
 * orphaned. The browser's session goes with the account.
 */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { User } from '../accounts/accounts.table.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { ownAccount } from '../accounts/account-edit-routes.tsx';
import { recheckPassword, WRONG_PASSWORD } from '../accounts/password-recheck.ts';
import { SESSION_COOKIE } from '../accounts/sessions.ts';
import { tooManyAttempts } from '../accounts/throttle.ts';
import { deleteAccount } from './delete-account.ts';

export const deleteAccountRoutes = new Hono<AppEnv>();

export const ACCOUNT_DELETED = 'Your account is deleted. Thank you for everything you shared here.';

function renderDelete(c: AppContext, user: User, errors: FieldErrors = {}, status = 200) {
  return renderPage(
    c,
    { title: 'Delete your account', status },
    <section class="account-form">
      <h1>Delete your account</h1>
      <p>
        Your pseuds, bookmarks, subscriptions, kudos history, sessions and tokens are deleted at once. Works you made
        with others lose only your name. Your comments stay, reading "(Account deleted)". This cannot be undone.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/users/${encodeURIComponent(user.username)}/delete`}>
        <fieldset class="field choices">
          <legend>The works you made alone</legend>
          <label class="choice" for="own_works-orphan">
            <input id="own_works-orphan" type="radio" name="own_works" value="orphan" checked /> Orphan them: they stay,
            credited to orphan_account
          </label>
          <label class="choice" for="own_works-delete">
            <input id="own_works-delete" type="radio" name="own_works" value="delete" /> Delete them
          </label>
        </fieldset>
        <TextField name="password" label="Your password" type="password" errors={errors} required />
        <button type="submit">Delete my account</button>
      </form>
    </section>,
  );
}

deleteAccountRoutes.get('/users/:name/delete', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  return renderDelete(c, owned.user);
});

deleteAccountRoutes.post('/users/:name/delete', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const form = await c.req.parseBody();
  const check = await recheckPassword(c, owned.viewer, form.password);
  if (typeof check === 'number') return tooManyAttempts(c, check);
  if (check === 'wrong') return renderDelete(c, owned.user, { password: WRONG_PASSWORD }, 422);
  await deleteAccount(c.get('deps').db, {
    userId: owned.user.id,
    ownWorks: form.own_works === 'delete' ? 'delete' : 'orphan',
    byAdmin: false,
  });
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  c.set('viewer', null);
  return redirectWithFlash(c, '/', ACCOUNT_DELETED);
});
