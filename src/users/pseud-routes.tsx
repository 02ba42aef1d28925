/**
 * A user's pseuds: the list (GET /users/:name/pseuds), adding one
 * (GET/POST /users/:name/pseuds/new) and choosing the default
 * (POST /users/:name/pseuds/:pseudId/default). Only the owner changes them.
 */
import { Hono } from 'hono';
import type { Pseud, User } from '../accounts/accounts.table.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { createPseud, findUserByName, listPseuds, makePseudDefault } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import {
  fieldErrorsOf,
  PSEUD_DESCRIPTION_MAX,
  PSEUD_NAME_MAX,
  PSEUD_NAME_TAKEN,
  pseudSchema,
  typedValues,
} from '../accounts/schema.ts';
import { can as canUser } from './policy.ts';
import { PseudIcon } from '../accounts/pseud-icon.tsx';

export const pseudRoutes = new Hono<AppEnv>();

const userPath = (user: User) => `/users/${encodeURIComponent(user.username)}`;
export const pseudWorksPath = (user: User, pseud: Pseud) =>
  `${userPath(user)}/pseuds/${encodeURIComponent(pseud.name)}/works`;

const notFound = (c: AppContext) => renderMessage(c, 404, 'Not found', 'There is no user by that name.');

/** Finds the user and checks the viewer may change their pseuds; a Response when not. */
async function ownedAccount(c: AppContext): Promise<{ user: User; viewer: Viewer } | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const user = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  if (!user) return notFound(c);
  if (!canUser(viewer, 'manage-pseuds', user)) {
    return renderMessage(c, 403, 'Not your account', `Only ${user.username} can change ${user.username}'s pseuds.`);
  }
  return { user, viewer };
}

pseudRoutes.get('/users/:name/pseuds', async (c) => {
  const { db } = c.get('deps');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return notFound(c);
  const pseuds = await listPseuds(db, user.id);
  const owns = canUser(c.get('viewer'), 'manage-pseuds', user);
  return renderPage(
    c,
    { title: `${user.username}'s pseuds` },
    <section class="pseuds">
      <h1>
        <a href={userPath(user)}>{user.username}</a>'s pseuds
      </h1>
      <ul class="pseud-list">
        {pseuds.map((pseud) => (
          <li>
            <h2>
              <PseudIcon pseud={pseud} small />
              <a href={pseudWorksPath(user, pseud)}>{pseud.name}</a>
              {pseud.is_default ? <span class="pseud-default"> (default)</span> : null}
            </h2>
            {pseud.description ? <p>{pseud.description}</p> : null}
            {owns ? <a href={`${userPath(user)}/pseuds/${pseud.id}/edit`}>Edit {pseud.name}</a> : null}
            {owns && !pseud.is_default ? (
              <form method="post" action={`${userPath(user)}/pseuds/${pseud.id}/default`}>
                <button type="submit" aria-label={`Make ${pseud.name} your default pseud`}>
                  Make default
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {owns ? (
        <p>
          <a href={`${userPath(user)}/pseuds/new`}>Add a pseud</a>
        </p>
      ) : null}
    </section>,
  );
});

function renderNewPseud(
  c: AppContext,
  user: User,
  values: { name?: string; description?: string } = {},
  errors: FieldErrors = {},
  status = 200,
): Response {
  return renderPage(
    c,
    { title: 'New pseud', status },
    <section class="account-form">
      <h1>Add a pseud</h1>
      <p>A pseud is another name you post under. Your works can be credited to any of your pseuds.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${userPath(user)}/pseuds/new`} novalidate>
        <TextField
          name="name"
          label="Name"
          value={values.name}
          errors={errors}
          required
          maxlength={PSEUD_NAME_MAX}
          hint="Letters, digits, spaces, underscores and hyphens."
        />
        <TextArea
          name="description"
          label="Description"
          value={values.description}
          errors={errors}
          maxlength={PSEUD_DESCRIPTION_MAX}
          rows={3}
        />
        <button type="submit">Add pseud</button>
      </form>
    </section>,
  );
}

pseudRoutes.get('/users/:name/pseuds/new', async (c) => {
  const account = await ownedAccount(c);
  if (account instanceof Response) return account;
  return renderNewPseud(c, account.user);
});

pseudRoutes.post('/users/:name/pseuds/new', async (c) => {
  const account = await ownedAccount(c);
  if (account instanceof Response) return account;
  const form = await c.req.parseBody();
  const typed = typedValues(form);
  const kept = { name: typed.name, description: typed.description };
  const parsed = pseudSchema.safeParse(form);
  if (!parsed.success) return renderNewPseud(c, account.user, kept, fieldErrorsOf(parsed.error), 422);

  const pseud = await createPseud(c.get('deps').db, account.user.id, parsed.data);
  if (!pseud) {
    return renderNewPseud(c, account.user, kept, { name: PSEUD_NAME_TAKEN }, 422);
  }
  return redirectWithFlash(c, `${userPath(account.user)}/pseuds`, `Added the pseud ${pseud.name}.`);
});

pseudRoutes.post('/users/:name/pseuds/:pseudId{[0-9]+}/default', async (c) => {
  const account = await ownedAccount(c);
  if (account instanceof Response) return account;
  const isMade = await makePseudDefault(c.get('deps').db, account.user.id, Number(c.req.param('pseudId')));
  if (!isMade) return renderMessage(c, 404, 'Not found', 'That pseud is not one of yours.');
  return redirectWithFlash(c, `${userPath(account.user)}/pseuds`, 'Your default pseud is changed.');
});
