/**
 * GET /admin, the admin area's home: what is waiting for this person (open
 * reports, held items) and links to every admin page their role may open.
 * Another admin page joins with one line in ADMIN_LINKS.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { twoFactorRefusal } from '../accounts/two-factor/admin-gate.tsx';
import { countHeldComments } from '../moderation/queries.ts';
import { countOpenItems } from '../reports/queries.ts';
import { can, type RoleAction } from '../roles/policy.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';

/** Every admin page, with the role action that opens it. */
export const ADMIN_LINKS: ReadonlyArray<{ href: string; label: string; action: RoleAction }> = [
  { href: '/admin/reports', label: 'Reports and held items', action: 'read-reports' },
  { href: '/admin/log', label: 'Audit log', action: 'read-audit-log' },
  { href: '/admin/wranglers', label: 'Wranglers', action: 'manage-wranglers' },
];

export const adminRoutes = new Hono<AppEnv>();

adminRoutes.get('/admin', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!can(viewer, 'enter-admin')) {
    return renderMessage(c, 403, 'Staff only', 'The admin area is for the archive’s staff.');
  }
  const refused = await twoFactorRefusal(c, viewer);
  if (refused) return refused;
  const { db } = c.get('deps');
  const [openReports, held] = await Promise.all([countOpenItems(db), countHeldComments(db)]);
  return renderPage(
    c,
    { title: 'Admin' },
    <>
      <h1>Admin</h1>
      <h2>Waiting for you</h2>
      <ul class="admin-waiting">
        <li>
          <a href="/admin/reports">
            {openReports} {openReports === 1 ? 'thing' : 'things'} reported
          </a>
        </li>
        <li>
          <a href="/admin/reports#held">
            {held} held {held === 1 ? 'comment' : 'comments'}
          </a>
        </li>
      </ul>
      <h2>Pages</h2>
      <ul class="admin-links">
        {ADMIN_LINKS.filter((link) => can(viewer, link.action)).map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </>,
  );
});
