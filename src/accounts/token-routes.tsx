/**
 * /preferences/tokens: a person's personal API tokens (scope read or write,
 * for the JSON API) and app passwords (for e-reader apps reading the OPDS
 * catalog). Creating one shows its secret once, on the page the form posts
 * to — never in a redirect or a cookie — and only its hash is stored;
 * revoking keeps the row, marked, so the list says what was turned off.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { createCredential } from './credentials.ts';
import { listTokens, revokeToken } from './token-queries.ts';
import type { ApiToken, TokenScope } from './accounts.table.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { ChoiceGroup, ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import { requireViewer } from './require-login.ts';

export const tokenRoutes = new Hono<AppEnv>();

const NAME_MAX = 100;

const tokenForm = z.object({
  name: z
    .string({ error: 'Give it a name, such as the app or script that will use it.' })
    .trim()
    .min(1, 'Give it a name, such as the app or script that will use it.')
    .max(NAME_MAX, `The name must be at most ${NAME_MAX} characters.`),
  scope: z.enum(['read', 'write', 'opds'], { error: 'Choose what the token may do.' }),
});

const SCOPE_LABELS: Record<TokenScope, string> = {
  read: 'Read: see works, including restricted ones and your drafts',
  write: 'Read and write: also post, edit and delete your works and chapters',
  opds: 'App password for e-readers (OPDS catalog)',
};

interface Created {
  name: string;
  scope: TokenScope;
  secret: string;
}

interface PageState {
  created?: Created;
  errors?: FieldErrors;
  values?: { name: string; scope: string; form: 'api' | 'opds' };
  status?: number;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : 'never');

function CredentialTable({ tokens, caption }: { tokens: ApiToken[]; caption: string }) {
  if (!tokens.length) return <p>None yet.</p>;
  return (
    <table class="token-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scope</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr>
            <th scope="row">{token.name}</th>
            <td>{token.scope === 'opds' ? 'OPDS' : token.scope}</td>
            <td>{when(token.created_at)}</td>
            <td>{when(token.last_used_at)}</td>
            <td>
              {token.revoked_at ? (
                `Revoked ${when(token.revoked_at)}`
              ) : (
                <form method="post" action={`/preferences/tokens/${token.id}/revoke`} class="inline">
                  <button type="submit" class="link-button" aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ShownOnce({ created }: { created: Created }) {
  const isAppPassword = created.scope === 'opds';
  return (
    <section class="notice token-created" aria-labelledby="created-heading">
      <h2 id="created-heading">{isAppPassword ? 'Your new app password' : 'Your new API token'}</h2>
      <p>Copy it now: this is the only time it is shown. If you lose it, revoke it and make another.</p>
      <p>
        <label for="new-secret">
          {created.name} ({SCOPE_LABELS[created.scope]})
        </label>
        <input id="new-secret" class="token-secret" type="text" readonly value={created.secret} />
      </p>
      <p class="hint">
        {isAppPassword
          ? 'In your e-reader app, add the catalog /opds on this archive and log in with your username and this app password.'
          : 'Send it with each request as the header Authorization: Bearer <token>.'}
      </p>
    </section>
  );
}

async function renderTokens(c: AppContext, viewer: Viewer, state: PageState = {}): Promise<Response> {
  const tokens = await listTokens(c.get('deps').db, viewer.id);
  const errors = state.errors ?? {};
  const apiErrors = state.values?.form === 'api' ? errors : {};
  const opdsErrors = state.values?.form === 'opds' ? errors : {};
  return renderPage(
    c,
    {
      title: Object.keys(errors).length ? 'Error: API tokens and app passwords' : 'API tokens and app passwords',
      status: state.status,
    },
    <section class="preferences tokens">
      <h1>API tokens and app passwords</h1>
      <p>
        <a href="/preferences">Back to preferences</a> · <a href="/api/v1/docs">API reference</a>
      </p>
      {state.created ? <ShownOnce created={state.created} /> : null}
      <ErrorSummary errors={errors} />

      <h2>Personal API tokens</h2>
      <p>
        Programs use a token to read and write through the JSON API as you. A token sees what you see: restricted works
        and your own drafts.
      </p>
      <CredentialTable tokens={tokens.filter((t) => t.scope !== 'opds')} caption="Your API tokens" />
      <form method="post" action="/preferences/tokens" class="token-form">
        <h3>New API token</h3>
        <TextField
          name="name"
          label="Name"
          required
          maxlength={NAME_MAX}
          errors={apiErrors}
          value={state.values?.form === 'api' ? state.values.name : ''}
        />
        <ChoiceGroup
          name="scope"
          label="What it may do"
          type="radio"
          errors={apiErrors}
          chosen={[state.values?.form === 'api' ? state.values.scope : 'read']}
          options={[
            ['read', SCOPE_LABELS.read],
            ['write', SCOPE_LABELS.write],
          ]}
        />
        <button type="submit">Create token</button>
      </form>

      <h2>App passwords for e-readers</h2>
      <p>
        E-reader apps (KOReader, Thorium, Moon+ Reader) browse the catalog at <code>/opds</code>. Without a log-in they
        see public works; with your username and an app password, restricted works too. An app password can only read
        the catalog and download works.
      </p>
      <CredentialTable tokens={tokens.filter((t) => t.scope === 'opds')} caption="Your app passwords" />
      <form method="post" action="/preferences/tokens" class="token-form">
        <h3>New app password</h3>
        <input type="hidden" name="scope" value="opds" />
        <TextField
          name="app_name"
          label="Name"
          required
          maxlength={NAME_MAX}
          hint="The device or app, e.g. “Kobo in the kitchen”."
          errors={opdsErrors}
          value={state.values?.form === 'opds' ? state.values.name : ''}
        />
        <button type="submit">Create app password</button>
      </form>
    </section>,
  );
}

tokenRoutes.get('/preferences/tokens', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderTokens(c, viewer);
});

tokenRoutes.post('/preferences/tokens', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const body = await c.req.parseBody();
  const form: 'api' | 'opds' = body.scope === 'opds' ? 'opds' : 'api';
  const values = {
    name: String((form === 'opds' ? body.app_name : body.name) ?? ''),
    scope: String(body.scope ?? ''),
    form,
  };
  const parsed = tokenForm.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    // The app password form names its field app_name, so its error links there.
    if (form === 'opds' && errors.name) {
      errors.app_name = errors.name;
      delete errors.name;
    }
    return renderTokens(c, viewer, { errors, values, status: 422 });
  }
  const { name, scope } = parsed.data;
  const { secret } = await createCredential(c.get('deps').db, viewer.id, name, scope);
  // Shown on this response only: a redirect would have to carry the secret in a cookie or URL.
  c.header('cache-control', 'no-store');
  return renderTokens(c, viewer, { created: { name, scope, secret }, status: 201 });
});

tokenRoutes.post('/preferences/tokens/:id{[0-9]+}/revoke', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const revoked = await revokeToken(c.get('deps').db, viewer.id, Number(c.req.param('id')));
  return redirectWithFlash(
    c,
    '/preferences/tokens',
    revoked
      ? 'Revoked. Programs using it can no longer act for you.'
      : 'That token was already revoked or is not yours.',
  );
});
