/**
 * `/tos/accept`: once an admin publishes a new Terms of Service version, each member is sent here once
 * (src/settings/guards.ts) to read and accept it; accepting records the version on their account.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { safeReturnTo } from '../accounts/schema.ts';
import { loadInfoPage } from '../home/info-pages.ts';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { acceptTerms } from '../accounts/terms-queries.ts';

export const tosRoutes = new Hono<AppEnv>();

tosRoutes.get('/tos/accept', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const site = c.get('site');
  const returnTo = safeReturnTo(c.req.query('return_to'));
  const [terms, privacy] = await Promise.all([
    loadInfoPage(c.get('deps').config.dataDir, 'tos', site),
    loadInfoPage(c.get('deps').config.dataDir, 'privacy', site),
  ]);
  return renderPage(
    c,
    { title: 'New Terms of Service' },
    <section class="info-page">
      <h1>The Terms of Service have changed</h1>
      <p>Please read version {site.tosVersion} and accept it to go on using your account.</p>
      <h2>Terms of Service</h2>
      <div dangerouslySetInnerHTML={{ __html: terms }} />
      <h2>Privacy</h2>
      <div dangerouslySetInnerHTML={{ __html: privacy }} />
      <form method="post" action="/tos/accept">
        <input type="hidden" name="return_to" value={returnTo} />
        <input type="hidden" name="version" value={String(site.tosVersion)} />
        <button type="submit">I accept the Terms of Service</button>
      </form>
    </section>,
  );
});

tosRoutes.post('/tos/accept', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const site = c.get('site');
  // The version the person read: if another was published meanwhile, they are asked again for that one.
  const version = Math.min(Number(form.version) || 0, site.tosVersion);
  await acceptTerms(c.get('deps').db, viewer.id, version);
  setFlash(c, 'Thank you: you accepted the Terms of Service.');
  return c.redirect(safeReturnTo(form.return_to), 303);
});
