/**
 * /preferences/koreader: how to sync reading progress with KOReader, and a
 * button that makes a KOReader app password. It is an ordinary app password
 * (listed, and revoked, at /preferences/tokens; it also opens the OPDS
 * catalog) whose md5 is kept too, hashed again, because KOReader sends
 * md5(password) rather than the password. The password is shown once.
 */
import { Hono } from 'hono';
import { createCredential } from '../accounts/credentials.ts';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { keepKoreaderKey } from './kosync.ts';

export const koreaderKeyRoutes = new Hono<AppEnv>();

function renderSetUp(c: AppContext, viewer: Viewer, secret?: string): Response {
  const server = `${c.get('deps').config.baseUrl.replace(/\/$/, '')}/kosync`;
  return renderPage(
    c,
    { title: 'Reading progress on KOReader', status: secret ? 201 : 200 },
    <section class="preferences koreader">
      <h1>Reading progress on KOReader</h1>
      <p>
        <a href="/preferences">Back to preferences</a> · <a href="/preferences/tokens">Your app passwords</a>
      </p>
      {secret ? (
        <section class="notice token-created" aria-labelledby="created-heading">
          <h2 id="created-heading">Your KOReader password</h2>
          <p>Copy it now: this is the only time it is shown.</p>
          <p>
            <label for="new-secret">KOReader</label>
            <input id="new-secret" class="token-secret" type="text" readonly value={secret} />
          </p>
        </section>
      ) : null}
      <ol>
        <li>Download the work as EPUB from its page, and open that file in KOReader.</li>
        <li>
          In KOReader: Tools → Progress sync → Custom sync server, enter <code>{server}</code>.
        </li>
        <li>
          Choose Log in, with your username <code>{viewer.username}</code> and a KOReader password from the button below
          (not your site password). Do not choose Register: accounts are made here.
        </li>
        <li>
          Your work page then shows “On your e-reader: chapter N (42%)”. A re-downloaded file after an edit is a new
          document to KOReader; keep the file name if you set KOReader to match documents by file name.
        </li>
      </ol>
      <form method="post" action="/preferences/koreader">
        <button type="submit">Make a KOReader password</button>
      </form>
    </section>,
  );
}

koreaderKeyRoutes.get('/preferences/koreader', (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderSetUp(c, viewer);
});

koreaderKeyRoutes.post('/preferences/koreader', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const secret = await c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const created = await createCredential(trx, viewer.id, 'KOReader', 'opds');
      await keepKoreaderKey(trx, created.id, created.secret);
      return created.secret;
    });
  c.header('cache-control', 'no-store');
  return renderSetUp(c, viewer, secret);
});
