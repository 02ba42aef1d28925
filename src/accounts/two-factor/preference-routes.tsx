/**
 * `/preferences/two-factor`: any member may turn on two-factor sign-in. Turning it on makes a secret shown
 * as a QR code (and as text, to type in), which the member confirms with a first code from their app; the
 * ten recovery codes are then shown once, and kept only hashed. Turning it off asks for a current code
 * (or a recovery code), so a session left open elsewhere cannot remove it.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv, Viewer } from '../../web/context.ts';
import { setFlash } from '../../web/flash.ts';
import { renderPage } from '../../web/layout.tsx';
import { requireViewer } from '../require-login.ts';
import {
  countUnusedRecoveryCodes,
  disableTwoFactor,
  enableTwoFactor,
  findTwoFactor,
  savePendingSecret,
} from './queries.ts';
import { hashRecoveryCode, newRecoveryCodes, newSecret, otpauthUrl, qrCodeSvg, stepOfCode } from './totp.ts';
import { verifySecondFactor } from './verify.ts';
import { CODE_WRONG, TWO_FACTOR_RULE } from './login-routes.tsx';
import { tooManyAttempts } from '../throttle.ts';

export const twoFactorPreferenceRoutes = new Hono<AppEnv>();

const PATH = '/preferences/two-factor';

function CodeField() {
  return (
    <div class="field">
      <label for="code">Code from your authenticator app</label>
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required />
    </div>
  );
}

async function renderStatus(c: AppContext, viewer: Viewer, failed = false, status = 200): Promise<Response> {
  const { db, config } = c.get('deps');
  const row = await findTwoFactor(db, viewer.id);
  const problem = failed ? (
    <div class="error-summary" role="alert">
      <h2>There is a problem</h2>
      <p>{CODE_WRONG}</p>
    </div>
  ) : null;
  let body;
  if (row?.enabledAt) {
    const left = await countUnusedRecoveryCodes(db, viewer.id);
    body = (
      <>
        <p>Two-factor sign-in is on. {left} unused recovery codes are left.</p>
        {problem}
        <form method="post" action={`${PATH}/disable`}>
          <CodeField />
          <button type="submit" class="secondary">
            Turn two-factor sign-in off
          </button>
        </form>
      </>
    );
  } else if (row) {
    const url = otpauthUrl(row.secret, config.archiveName, viewer.username);
    const svg = await qrCodeSvg(url);
    body = (
      <>
        <p>Scan this code with your authenticator app, or type the key below into it, then enter the code it shows.</p>
        <div class="qr-code" dangerouslySetInnerHTML={{ __html: svg }} />
        <p>
          Key: <code class="two-factor-secret">{row.secret}</code>
        </p>
        {problem}
        <form method="post" action={`${PATH}/confirm`}>
          <CodeField />
          <button type="submit">Turn on</button>
        </form>
      </>
    );
  } else {
    body = (
      <>
        <p>
          With two-factor sign-in, logging in asks for a code from an app on your phone after your password.
          {viewer.isAdmin || viewer.isModerator ? ' The admin area asks you to turn it on.' : ''}
        </p>
        <form method="post" action={`${PATH}/start`}>
          <button type="submit">Set up two-factor sign-in</button>
        </form>
      </>
    );
  }
  return renderPage(
    c,
    { title: 'Two-factor sign-in', status },
    <section class="preferences">
      <h1>Two-factor sign-in</h1>
      {body}
    </section>,
  );
}

twoFactorPreferenceRoutes.get(PATH, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderStatus(c, viewer);
});

twoFactorPreferenceRoutes.post(`${PATH}/start`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  await savePendingSecret(c.get('deps').db, viewer.id, newSecret());
  return c.redirect(PATH, 303);
});

async function codeWait(c: AppContext, viewer: Viewer): Promise<number> {
  return c.get('deps').rateLimiter.waitFor(`two-factor:user:${viewer.id}`, TWO_FACTOR_RULE);
}

twoFactorPreferenceRoutes.post(`${PATH}/confirm`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const wait = await codeWait(c, viewer);
  if (wait) return tooManyAttempts(c, wait);
  const { db, rateLimiter } = c.get('deps');
  const form = await c.req.parseBody();
  const row = await findTwoFactor(db, viewer.id);
  if (!row || row.enabledAt) return c.redirect(PATH, 303);
  const step = stepOfCode(row.secret, typeof form.code === 'string' ? form.code : '');
  if (step === null) {
    await rateLimiter.hit(`two-factor:user:${viewer.id}`, TWO_FACTOR_RULE);
    return renderStatus(c, viewer, true, 422);
  }
  const codes = newRecoveryCodes();
  await db
    .transaction()
    .execute((trx) => enableTwoFactor(trx, viewer.id, step, codes.map(hashRecoveryCode), new Date()));
  // Shown this once, never again: only their hashes are kept.
  return renderPage(
    c,
    { title: 'Two-factor sign-in is on' },
    <section class="preferences">
      <h1>Two-factor sign-in is on</h1>
      <p>
        Keep these recovery codes somewhere safe. Each logs you in once if you lose your phone. This is the only time
        they are shown.
      </p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={PATH}>Done</a>
      </p>
    </section>,
  );
});

twoFactorPreferenceRoutes.post(`${PATH}/disable`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const wait = await codeWait(c, viewer);
  if (wait) return tooManyAttempts(c, wait);
  const { db, rateLimiter } = c.get('deps');
  const form = await c.req.parseBody();
  if (!(await verifySecondFactor(db, viewer.id, typeof form.code === 'string' ? form.code : ''))) {
    await rateLimiter.hit(`two-factor:user:${viewer.id}`, TWO_FACTOR_RULE);
    return renderStatus(c, viewer, true, 422);
  }
  await db.transaction().execute((trx) => disableTwoFactor(trx, viewer.id));
  setFlash(c, 'Two-factor sign-in is off.');
  return c.redirect(PATH, 303);
});
