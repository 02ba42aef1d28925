/**
 * Invitations, for an archive where account creation is by invitation:
 * - `/invite_requests`: anyone asks for one with an email address (when the queue is on), and sees their
 *   place in the queue; asking again with the same address shows the place again (rate limited per address).
 * - `/admin/invitations` (admins with two-factor on): send one to an address now, give a member invitations
 *   to pass on, and see the queue's length and the latest invitations. Both are audited.
 * - `/invitations`: a member's own invitations to pass on, each sent to an address they type.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdminArea } from '../accounts/two-factor/admin-gate.tsx';
import { findUserByName } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import { emailSchema } from '../accounts/schema.ts';
import { actorOf, runCommand } from '../audit/run-command.ts';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { RULES } from '../web/rate-limit.ts';
import { tooManyAttempts } from '../accounts/throttle.ts';
import {
  countWaiting,
  createInvitation,
  findOwnUnusedInvitation,
  joinQueue,
  listRecentInvitations,
  listUnusedInvitationsOf,
  markInvitationSent,
} from './queries.ts';
import { invitationMail, sendInvitation } from './send.ts';
import { queueMail } from '../outbox/mail.ts';

export const invitationRoutes = new Hono<AppEnv>();

const GIVE_MAX = 50;
/** Asking, and asking again to see one's place: enough for a person, too few to flood the queue. */
const REQUEST_RULE = { limit: 20, windowMs: 60 * 60_000 };

function queueOpen(c: AppContext): boolean {
  const site = c.get('site');
  return site.inviteQueueOn && site.accountCreation === 'invitation';
}

function RequestForm({ error }: { error?: string }) {
  return (
    <form method="post" action="/invite_requests">
      <div class={error ? 'field has-error' : 'field'}>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required />
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      <button type="submit">Ask for an invitation</button>
    </form>
  );
}

invitationRoutes.get('/invite_requests', (c) => {
  if (!queueOpen(c))
    return renderMessage(c, 404, 'No invitation queue', 'This archive takes no invitation requests now.');
  return renderPage(
    c,
    { title: 'Ask for an invitation' },
    <section class="account-form">
      <h1>Ask for an invitation</h1>
      <p>
        New accounts here need an invitation. Leave your email address: invitations go out each day to those who asked
        first ({c.get('site').invitesPerDay} a day). Already asked? Enter it again to see your place.
      </p>
      <RequestForm />
    </section>,
  );
});

invitationRoutes.post('/invite_requests', async (c) => {
  if (!queueOpen(c))
    return renderMessage(c, 404, 'No invitation queue', 'This archive takes no invitation requests now.');
  const form = await c.req.parseBody();
  const parsed = emailSchema.safeParse(form.email);
  if (!parsed.success) {
    return renderPage(
      c,
      { title: 'Ask for an invitation', status: 422 },
      <section class="account-form">
        <h1>Ask for an invitation</h1>
        <RequestForm error="Enter an email address like name@example.com." />
      </section>,
    );
  }
  const wait = await c.get('deps').rateLimiter.hit(`invite-request:address:${clientAddress(c)}`, REQUEST_RULE);
  if (wait) return tooManyAttempts(c, wait);
  const email = parsed.data.toLowerCase();
  const place = await joinQueue(c.get('deps').db, email, new Date());
  return renderPage(
    c,
    { title: 'Invitation requested' },
    <section class="message">
      <h1>You are in the queue</h1>
      <p>
        {place === null
          ? 'An invitation has already been sent to this address: look for it in your mail.'
          : `Your place in the queue: ${place}. We will mail the invitation to ${email}.`}
      </p>
    </section>,
  );
});

const sendSchema = z.object({ email: emailSchema });
const giveSchema = z.object({
  username: z.string().trim().min(1),
  count: z.coerce.number().int().min(1).max(GIVE_MAX),
});

invitationRoutes.get('/admin/invitations', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const [waiting, recent] = await Promise.all([countWaiting(db), listRecentInvitations(db, 50)]);
  return renderPage(
    c,
    { title: 'Invitations' },
    <section class="admin-invitations">
      <h1>Invitations</h1>
      <p>
        Account creation: <strong>{c.get('site').accountCreation}</strong>; queue{' '}
        {c.get('site').inviteQueueOn ? `on, ${c.get('site').invitesPerDay} a day` : 'off'}; {waiting} waiting. (
        <a href="/admin/settings">Settings</a>)
      </p>
      <h2>Send an invitation</h2>
      <form method="post" action="/admin/invitations/send">
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required />
        </div>
        <button type="submit">Send</button>
      </form>
      <h2>Give a member invitations to pass on</h2>
      <form method="post" action="/admin/invitations/give">
        <div class="field">
          <label for="username">Username</label>
          <input id="username" name="username" type="text" required />
        </div>
        <div class="field">
          <label for="count">How many (1 to {GIVE_MAX})</label>
          <input id="count" name="count" type="number" min="1" max={String(GIVE_MAX)} value="1" required />
        </div>
        <button type="submit">Give</button>
      </form>
      <h2>Latest invitations</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">For</th>
            <th scope="col">Sent to</th>
            <th scope="col">Used by</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((row) => (
            <tr>
              <td>{row.created_at.slice(0, 10)}</td>
              <td>{row.owner ?? 'the archive'}</td>
              <td>{row.email ?? '—'}</td>
              <td>{row.taker ?? (row.used_at ? 'an account since deleted' : '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>,
  );
});

invitationRoutes.post('/admin/invitations/send', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const parsed = sendSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    setFlash(c, 'Enter an email address like name@example.com.', 'error');
    return c.redirect('/admin/invitations', 303);
  }
  const { db, config } = c.get('deps');
  const email = parsed.data.email;
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'invitation.send', target: { type: 'invitation', id: null } },
    async (trx) => {
      await sendInvitation(trx, config, email, new Date());
      return { before: null, after: { email }, result: undefined };
    },
  );
  setFlash(c, `Invitation sent to ${email}.`);
  return c.redirect('/admin/invitations', 303);
});

invitationRoutes.post('/admin/invitations/give', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const parsed = giveSchema.safeParse(await c.req.parseBody());
  const { db } = c.get('deps');
  const member = parsed.success ? await findUserByName(db, parsed.data.username) : undefined;
  if (!parsed.success || !member) {
    setFlash(c, `Enter a member's username and a number from 1 to ${GIVE_MAX}.`, 'error');
    return c.redirect('/admin/invitations', 303);
  }
  const { count } = parsed.data;
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'invitation.give', target: { type: 'user', id: member.id } },
    async (trx) => {
      const now = new Date();
      for (let i = 0; i < count; i++) await createInvitation(trx, { userId: member.id, now });
      return { before: null, after: { count }, result: undefined };
    },
  );
  setFlash(c, `${member.username} has ${count} more ${count === 1 ? 'invitation' : 'invitations'} to pass on.`);
  return c.redirect('/admin/invitations', 303);
});

invitationRoutes.get('/invitations', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const own = await listUnusedInvitationsOf(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'Your invitations' },
    <section>
      <h1>Your invitations</h1>
      {own.length ? (
        <ul class="invitations">
          {own.map((invitation) => (
            <li>
              <code>{invitation.code}</code>
              {invitation.sent_at ? ` sent to ${invitation.email}` : null}
              <form method="post" action={`/invitations/${invitation.id}/send`} class="inline">
                <label for={`email-${invitation.id}`}>Send to</label>{' '}
                <input id={`email-${invitation.id}`} name="email" type="email" required />{' '}
                <button type="submit">Send</button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no invitations to pass on.</p>
      )}
    </section>,
  );
});

invitationRoutes.post('/invitations/:id{[0-9]+}/send', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db, config, rateLimiter } = c.get('deps');
  const invitation = await findOwnUnusedInvitation(db, viewer.id, Number(c.req.param('id')));
  if (!invitation) return renderMessage(c, 404, 'Not found', 'You have no such invitation to send.');
  const parsed = sendSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    setFlash(c, 'Enter an email address like name@example.com.', 'error');
    return c.redirect('/invitations', 303);
  }
  const wait = await rateLimiter.hit(`invitation-send:user:${viewer.id}`, RULES.signup);
  if (wait) return tooManyAttempts(c, wait);
  const email = parsed.data.email;
  await db.transaction().execute(async (trx) => {
    await markInvitationSent(trx, invitation.id, email, new Date());
    await queueMail(trx, invitationMail(config, email, invitation.code, viewer.username));
  });
  setFlash(c, `Invitation sent to ${email}.`);
  return c.redirect('/invitations', 303);
});
