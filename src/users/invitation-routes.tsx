/**
 * A person's pending co-creator invitations (GET /users/:name/invitations),
 * each linking to the work's creatorship page (works/creatorship-routes.tsx)
 * or the series' (series/creatorship-routes.tsx), where they accept or decline.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { listPendingInvitations } from '../works/creatorship-queries.ts';
import { findUserByName } from '../accounts/queries.ts';
import { listPendingSeriesInvitations } from '../series/creatorship-queries.ts';
import { can } from './policy.ts';

export const invitationRoutes = new Hono<AppEnv>();

invitationRoutes.get('/users/:name/invitations', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const user = await findUserByName(c.get('deps').db, c.req.param('name'));
  if (!user || !can(viewer, 'answer-invitations', user)) {
    return renderMessage(c, 403, 'Not yours', 'You can only see your own co-creator invitations.');
  }
  const [invitations, seriesInvitations] = await Promise.all([
    listPendingInvitations(c.get('deps').db, viewer.id),
    listPendingSeriesInvitations(c.get('deps').db, viewer.id),
  ]);
  return renderPage(
    c,
    { title: 'Co-creator invitations' },
    <section>
      <h1>Co-creator invitations</h1>
      {invitations.length || seriesInvitations.length ? (
        <ul class="invitations">
          {invitations.map((invitation) => (
            <li>
              <a href={`/works/${invitation.work_id}/creatorship`}>{invitation.title}</a> (as {invitation.pseud_name})
            </li>
          ))}
          {seriesInvitations.map((invitation) => (
            <li>
              Series <a href={`/series/${invitation.series_id}/creatorship`}>{invitation.title}</a> (as{' '}
              {invitation.pseud_name})
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no invitations waiting.</p>
      )}
    </section>,
  );
});
