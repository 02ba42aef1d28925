/**
 * GET/POST /admin/users/:name/delete: an admin deletes someone's account
 * from its admin page, choosing — as the owner would on their own delete
 * page — whether the works they made alone are deleted or orphaned, and
 * giving a reason for the log. The same command as the owner's deletion and
 * `quire user delete` (src/orphaning/delete-account.ts), so one audit row.
 * Mounted before the moderation routes, whose /admin/users/:name/:action
 * would otherwise take "delete".
 */
import { Hono } from 'hono';
import { requireAdminArea } from '../accounts/two-factor/admin-gate.tsx';
import { findUserByName } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { actorOf } from '../audit/run-command.ts';
import { deleteAccount, DeletionRefusedError, type OwnWorksChoice } from '../orphaning/delete-account.ts';
import { findCreditedWorks } from '../orphaning/queries.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { ChoiceGroup, ErrorSummary, TextArea, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';

export const adminDeleteAccountRoutes = new Hono<AppEnv>();

export const REASON_MAX = 2000;
const adminPath = (user: User) => `/admin/users/${encodeURIComponent(user.username)}`;

async function renderConfirm(
  c: AppContext,
  user: User,
  values: { own_works?: string; reason?: string } = {},
  errors: FieldErrors = {},
  status = 200,
) {
  const works = await findCreditedWorks(c.get('deps').db, user.id);
  const alone = works.filter((w) => !w.isShared).length;
  const shared = works.length - alone;
  return renderPage(
    c,
    { title: `Delete ${user.username}`, status },
    <section class="account-form">
      <h1>Delete the account {user.username}</h1>
      <p>
        Their pseuds, bookmarks, subscriptions, history, sessions and tokens are deleted at once. They made{' '}
        {alone === 1 ? '1 work' : `${alone} works`} alone; {shared === 1 ? '1 work' : `${shared} works`} made with
        others keep their other creators. Their comments stay, reading "(Account deleted)". This cannot be undone.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${adminPath(user)}/delete`}>
        <ChoiceGroup
          name="own_works"
          label="The works they made alone"
          type="radio"
          chosen={[values.own_works === 'delete' ? 'delete' : 'orphan']}
          options={[
            ['orphan', 'Orphan them: they stay, credited to orphan_account'],
            ['delete', 'Delete them'],
          ]}
          errors={errors}
        />
        <TextArea
          name="reason"
          label="Reason (kept in the audit log)"
          value={values.reason}
          errors={errors}
          required
          maxlength={REASON_MAX}
          rows={3}
        />
        <button type="submit">Delete the account {user.username}</button>
      </form>
      <p>
        <a href={adminPath(user)}>Back to {user.username}'s admin page</a>
      </p>
    </section>,
  );
}

async function gate(c: AppContext): Promise<{ user: User; viewer: Viewer } | Response> {
  const viewer = await requireAdminArea(c, 'delete-accounts');
  if (viewer instanceof Response) return viewer;
  const user = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  return { user, viewer };
}

adminDeleteAccountRoutes.get('/admin/users/:name/delete', async (c) => {
  const found = await gate(c);
  if (found instanceof Response) return found;
  return renderConfirm(c, found.user);
});

adminDeleteAccountRoutes.post('/admin/users/:name/delete', async (c) => {
  const found = await gate(c);
  if (found instanceof Response) return found;
  const form = await c.req.parseBody();
  const values = {
    own_works: typeof form.own_works === 'string' ? form.own_works : undefined,
    reason: typeof form.reason === 'string' ? form.reason : '',
  };
  const errors: FieldErrors = {};
  if (values.own_works !== 'orphan' && values.own_works !== 'delete') {
    errors.own_works = 'Choose whether their works are orphaned or deleted.';
  }
  const reason = values.reason.trim();
  if (!reason) errors.reason = 'Give a reason: it is kept in the audit log.';
  else if (reason.length > REASON_MAX) errors.reason = `Reasons are at most ${REASON_MAX} characters.`;
  if (Object.keys(errors).length) return renderConfirm(c, found.user, values, errors, 422);
  try {
    await deleteAccount(c.get('deps').db, {
      userId: found.user.id,
      ownWorks: values.own_works as OwnWorksChoice,
      byAdmin: true,
      actor: actorOf(found.viewer),
      reason,
    });
  } catch (error) {
    if (error instanceof DeletionRefusedError)
      return renderConfirm(c, found.user, values, { form: error.message }, 409);
    throw error;
  }
  return redirectWithFlash(c, '/admin/log', `The account ${found.user.username} is deleted.`);
});
