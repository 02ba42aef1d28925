/**
 * The admin area's door: a logged-in person, whom the role policy lets do `action`, and — for admins and
 * moderators (`requiresTwoFactor`) — with two-factor sign-in on. Every admin page asks here first:
 * `const viewer = await requireAdminArea(c, 'manage-settings'); if (viewer instanceof Response) return viewer;`
 */
import { can, requiresTwoFactor, type RoleAction } from '../../roles/policy.ts';
import type { AppContext, Viewer } from '../../web/context.ts';
import { renderPage, renderMessage } from '../../web/layout.tsx';
import { requireViewer } from '../require-login.ts';
import { hasTwoFactorOn } from './queries.ts';

export async function requireAdminArea(c: AppContext, action: RoleAction): Promise<Viewer | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!can(viewer, action)) return renderMessage(c, 403, 'Admins only', 'Only admins may open this page.');
  return (await twoFactorRefusal(c, viewer)) ?? viewer;
}

/**
 * The page that stops an admin or moderator without two-factor sign-in at the admin area's door, or null
 * when they may go in (support staff and wranglers need none). Asked by every admin and moderation page.
 */
export async function twoFactorRefusal(c: AppContext, viewer: Viewer): Promise<Response | null> {
  if (requiresTwoFactor(viewer) && !(await hasTwoFactorOn(c.get('deps').db, viewer.id))) {
    return renderPage(
      c,
      { title: 'Turn on two-factor sign-in', status: 403 },
      <section class="message">
        <h1>Turn on two-factor sign-in</h1>
        <p>
          The admin area opens only to accounts with two-factor sign-in. Turn it on in{' '}
          <a href="/preferences/two-factor">your two-factor preferences</a>, then come back.
        </p>
      </section>,
    );
  }
  return null;
}
