/**
 * Co-creator invitations. A writer names other people's pseuds as
 * co-creators; each invited person sees their pending invitations at
 * GET /users/:name/invitations (users/invitation-routes.tsx) and, for one
 * work, at GET /works/:id/creatorship, where POST (action=accept|decline) answers. Until accepted, the
 * invitee neither shows as a creator nor may edit.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  acceptInvitations,
  declineInvitations,
  listAcceptedCreatorNames,
  listPendingInvitations,
} from './creatorship-queries.ts';

export const creatorshipRoutes = new Hono<AppEnv>();

creatorshipRoutes.get('/works/:id{[0-9]+}/creatorship', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const workId = Number(c.req.param('id'));
  const { db } = c.get('deps');
  const invitations = await listPendingInvitations(db, viewer.id, workId);
  if (!invitations.length) {
    return renderMessage(c, 404, 'No invitation', 'You have no pending invitation to be a co-creator of this work.');
  }
  const inviters = await listAcceptedCreatorNames(db, workId);
  const { title } = invitations[0];
  return renderPage(
    c,
    { title: `Invitation: ${title}` },
    <section>
      <h1>Co-creator invitation</h1>
      <p>
        {inviters.join(', ') || 'The creator'} invited you to be a co-creator of “{title}” as{' '}
        {invitations.map((i) => i.pseud_name).join(', ')}. Once you accept, your pseud shows as a creator and you can
        edit the work and its chapters.
      </p>
      <form method="post" action={`/works/${workId}/creatorship`} class="actions">
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

creatorshipRoutes.post('/works/:id{[0-9]+}/creatorship', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const workId = Number(c.req.param('id'));
  const { db } = c.get('deps');
  const body = await c.req.parseBody();
  if (body.action === 'accept') {
    const accepted = await acceptInvitations(db, workId, viewer.id);
    if (!accepted)
      return renderMessage(c, 404, 'No invitation', 'You have no pending invitation to be a co-creator of this work.');
    return redirectWithFlash(c, `/works/${workId}`, 'You are now a co-creator of this work.');
  }
  if (body.action === 'decline') {
    await declineInvitations(db, workId, viewer.id);
    return redirectWithFlash(c, `/users/${encodeURIComponent(viewer.username)}/invitations`, 'Invitation declined.');
  }
  return renderMessage(c, 400, 'Choose an answer', 'Accept or decline the invitation.');
});
