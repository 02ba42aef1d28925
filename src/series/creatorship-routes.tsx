/**
 * Series co-creators, as with works' (works/creatorship-routes.tsx): a
 * series creator invites pseuds by name (POST /series/:id/creators); each
 * invited person answers at GET/POST /series/:id/creatorship
 * (action=accept|decline), and finds the invitation listed at
 * /users/:name/invitations. Until accepted, an invitee neither shows as a
 * creator of the series nor may change it.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findPseudsNamed } from '../works/form-queries.ts';
import { creatorLabel } from '../works/creator-links.tsx';
import {
  acceptSeriesInvitations,
  declineSeriesInvitations,
  inviteSeriesCreators,
  listPendingSeriesInvitations,
} from './creatorship-queries.ts';
import { findSeries, listSeriesCreators } from './queries.ts';
import { gateSeriesChange } from './series-route-helpers.ts';

export const seriesCreatorshipRoutes = new Hono<AppEnv>();

seriesCreatorshipRoutes.post('/series/:id{[0-9]+}/creators', async (c) => {
  const found = await gateSeriesChange(c, 'invite');
  if (found instanceof Response) return found;
  const { db } = c.get('deps');
  const body = await c.req.parseBody();
  const names = (typeof body.pseuds === 'string' ? body.pseuds : '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (!names.length) return renderMessage(c, 422, 'Name someone', 'Give the pseud names of the people to invite.');
  const pseuds = await findPseudsNamed(db, names);
  const unknown = names.filter((n) => !pseuds.some((p) => p.name.toLowerCase() === n.toLowerCase()));
  if (unknown.length) {
    return renderMessage(c, 422, 'No such pseud', `There is no pseud here named ${unknown.join(', ')}.`);
  }
  // Someone already a creator of the series needs no invitation, whichever pseud was named.
  const invitees = pseuds.filter((p) => !found.access.creatorUserIds.includes(p.userId));
  const invited = await inviteSeriesCreators(
    db,
    found.series.id,
    invitees.map((p) => p.id),
  );
  const message = invited
    ? `Invited ${invited === 1 ? 'one person' : `${invited} people`} to be co-creators of the series.`
    : 'Everyone you named is already a creator of the series or invited.';
  return redirectWithFlash(c, `/series/${found.series.id}/edit`, message);
});

const noInvitation = 'You have no pending invitation to be a co-creator of this series.';

seriesCreatorshipRoutes.get('/series/:id{[0-9]+}/creatorship', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const seriesId = Number(c.req.param('id'));
  const invitations = await listPendingSeriesInvitations(db, viewer.id, seriesId);
  const series = invitations.length ? await findSeries(db, seriesId) : undefined;
  if (!series) return renderMessage(c, 404, 'No invitation', noInvitation);
  const inviters = (await listSeriesCreators(db, series)).map(creatorLabel);
  return renderPage(
    c,
    { title: `Invitation: ${series.title}` },
    <section>
      <h1>Series co-creator invitation</h1>
      <p>
        {inviters.join(', ') || 'The creator'} invited you to be a co-creator of the series “{series.title}” as{' '}
        {invitations.map((i) => i.pseud_name).join(', ')}. Once you accept, your pseud shows as a creator of the series
        and you can edit it and order its works.
      </p>
      <form method="post" action={`/series/${seriesId}/creatorship`} class="actions">
        <button type="submit" name="action" value="accept">
          Accept
        </button>
        <button type="submit" name="action" value="decline" class="secondary">
          Decline
        </button>
      </form>
    </section>,
  );
});

seriesCreatorshipRoutes.post('/series/:id{[0-9]+}/creatorship', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const seriesId = Number(c.req.param('id'));
  const { db } = c.get('deps');
  const body = await c.req.parseBody();
  if (body.action === 'accept') {
    if (!(await acceptSeriesInvitations(db, seriesId, viewer.id))) {
      return renderMessage(c, 404, 'No invitation', noInvitation);
    }
    return redirectWithFlash(c, `/series/${seriesId}`, 'You are now a co-creator of this series.');
  }
  if (body.action === 'decline') {
    if (!(await declineSeriesInvitations(db, seriesId, viewer.id))) {
      return renderMessage(c, 404, 'No invitation', noInvitation);
    }
    return redirectWithFlash(c, `/users/${encodeURIComponent(viewer.username)}/invitations`, 'Invitation declined.');
  }
  return renderMessage(c, 400, 'Choose an answer', 'Accept or decline the invitation.');
});
