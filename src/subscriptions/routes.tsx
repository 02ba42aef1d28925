/**
 * Subscriptions on the site: the Subscribe button's target (`POST
 * /subscriptions`, 303 back with a flash), Unsubscribe (`POST
 * /subscriptions/:id/delete`), a member's own list and mail setting
 * (`/users/:name/subscriptions`, owner only: 404 for anyone else), and the
 * one-click unsubscribe link of the notice mails
 * (`/subscriptions/unsubscribe?user=…&token=…`: GET shows a button, POST
 * turns the mail off without logging in; an RFC 8058 POST from a mail
 * client does the same).
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { SubscriptionsPage } from './list-page.tsx';
import { REFUSAL_MESSAGES } from './policy.ts';
import { subscribe, SUBSCRIPTION_KINDS } from './subscribe.ts';
import {
  deleteSubscription,
  findReader,
  findReaderByFeedToken,
  listSubscriptions,
  setFeedToken,
  setFrequency,
} from './queries.ts';
import type { SubscriptionFrequency, SubscriptionKind } from './subscriptions.table.ts';
import { isUnsubscribeToken } from './unsubscribe-links.ts';
import { feedPath, feedTokenOf, newFeedToken, renderSubscriptionFeed } from './feed.ts';
import { ATOM_TYPE } from '../feeds/atom.ts';

export const subscriptionRoutes = new Hono<AppEnv>();

const FREQUENCIES: readonly SubscriptionFrequency[] = ['hourly', 'daily', 'off'];

function idOf(raw: unknown): number | null {
  return typeof raw === 'string' && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** Back to a page of this archive only. */
function returnPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  return candidate.includes('\\') ? fallback : candidate;
}

const KIND_NAMES: Record<SubscriptionKind, string> = {
  work: 'this work',
  series: 'this series',
  creator: 'this creator',
  tag: 'this tag',
  filter: 'this saved filter',
};

subscriptionRoutes.post('/subscriptions', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const form = await c.req.parseBody();
  const kind = SUBSCRIPTION_KINDS.find((k) => k === form.kind);
  const targetId = idOf(form.target_id);
  if (!kind || !targetId) return renderMessage(c, 400, 'Nothing to subscribe to', REFUSAL_MESSAGES.not_found);
  const outcome = await subscribe(db, viewer, kind, targetId);
  const back = returnPath(form.return_to, '/');
  if (outcome.kind === 'refused') {
    if (outcome.reason === 'not_found') return renderMessage(c, 404, 'Not found', REFUSAL_MESSAGES.not_found);
    return redirectWithFlash(c, back, REFUSAL_MESSAGES[outcome.reason]);
  }
  return redirectWithFlash(
    c,
    back,
    outcome.kind === 'added'
      ? `You are subscribed to ${KIND_NAMES[kind]}.`
      : `You were already subscribed to ${KIND_NAMES[kind]}.`,
  );
});

subscriptionRoutes.post('/subscriptions/:id{[0-9]+}/delete', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const id = idOf(c.req.param('id'));
  const removed = !!id && (await deleteSubscription(c.get('deps').db, viewer.id, id));
  if (!removed) return renderMessage(c, 404, 'Not found', 'You have no such subscription.');
  const fallback = `/users/${encodeURIComponent(viewer.username)}/subscriptions`;
  return redirectWithFlash(c, returnPath(form.return_to, fallback), 'You are unsubscribed.');
});

/** The page's owner, or null (a 404) for anyone else: whom a member follows is theirs alone. */
async function ownerOf(c: AppContext) {
  const viewer = c.get('viewer');
  const user = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  return user && viewer && viewer.id === user.id ? user : null;
}

subscriptionRoutes.get('/users/:name/subscriptions', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const owner = await ownerOf(c);
  if (!owner) return renderMessage(c, 404, 'Not found', 'There is no such page.');
  const { db } = c.get('deps');
  const [subscriptions, reader, token] = await Promise.all([
    listSubscriptions(db, owner.id),
    findReader(db, owner.id),
    feedTokenOf(db, owner.id),
  ]);
  return renderPage(
    c,
    { title: 'Subscriptions' },
    <SubscriptionsPage
      username={owner.username}
      subscriptions={subscriptions}
      frequency={reader?.frequency ?? 'hourly'}
      feedUrl={`${c.get('deps').config.baseUrl}${feedPath(token)}`}
    />,
  );
});

subscriptionRoutes.post('/users/:name/subscriptions/mail', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const owner = await ownerOf(c);
  if (!owner) return renderMessage(c, 404, 'Not found', 'There is no such page.');
  const form = await c.req.parseBody();
  const frequency = FREQUENCIES.find((f) => f === form.frequency);
  if (!frequency) return renderMessage(c, 400, 'Choose how often', 'Choose how often to get notice mail.');
  await setFrequency(c.get('deps').db, owner.id, frequency);
  return redirectWithFlash(
    c,
    `/users/${encodeURIComponent(owner.username)}/subscriptions`,
    'Your mail setting is saved.',
  );
});

async function signedUser(c: AppContext): Promise<number | null> {
  const userId = idOf(c.req.query('user'));
  const token = c.req.query('token');
  if (!userId || !token) return null;
  return (await isUnsubscribeToken(c.get('deps').db, userId, token)) ? userId : null;
}

const badLink = (c: AppContext) =>
  renderMessage(
    c,
    404,
    'This link does not work',
    'The link is incomplete or not valid. Copy the whole link from the email, or log in and open your subscriptions.',
  );

subscriptionRoutes.get('/subscriptions/unsubscribe', async (c) => {
  const userId = await signedUser(c);
  if (userId === null) return badLink(c);
  const action = `/subscriptions/unsubscribe?user=${userId}&token=${encodeURIComponent(c.req.query('token')!)}`;
  return renderPage(
    c,
    { title: 'Stop subscription mail' },
    <section>
      <h1>Stop subscription mail</h1>
      <p>
        Press the button to stop the mails about your subscriptions. Your subscriptions stay, and so does their feed.
      </p>
      <form method="post" action={action}>
        <button type="submit">Stop these mails</button>
      </form>
    </section>,
  );
});

// Mail clients POST here without an Origin (RFC 8058); server.ts lets this path past the Origin guard, which is
// safe because it reads no cookie: only the signed link says whose mail stops, and it can only stop it.
subscriptionRoutes.post('/subscriptions/unsubscribe', async (c) => {
  const userId = await signedUser(c);
  if (userId === null) return badLink(c);
  await setFrequency(c.get('deps').db, userId, 'off');
  return renderMessage(
    c,
    200,
    'Subscription mail stopped',
    'You will get no more mails about your subscriptions. To have them again, log in and open your subscriptions.',
  );
});

subscriptionRoutes.post('/users/:name/subscriptions/feed-address', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const owner = await ownerOf(c);
  if (!owner) return renderMessage(c, 404, 'Not found', 'There is no such page.');
  await setFeedToken(c.get('deps').db, owner.id, newFeedToken());
  return redirectWithFlash(
    c,
    `/users/${encodeURIComponent(owner.username)}/subscriptions`,
    'Your feed has a new address; the old one no longer works.',
  );
});

subscriptionRoutes.get('/subscriptions/feed/:file', async (c) => {
  const match = /^([A-Za-z0-9_-]{16,64})\.atom$/.exec(c.req.param('file'));
  const { db, config } = c.get('deps');
  const member = match ? await findReaderByFeedToken(db, match[1]) : undefined;
  if (!match || !member) return renderMessage(c, 404, 'Not found', 'This feed address does not work (any more).');
  return c.body(await renderSubscriptionFeed(db, config, member, match[1]), 200, {
    'content-type': ATOM_TYPE,
    // The address is a secret: no shared cache may keep the feed.
    'cache-control': 'private, no-store',
  });
});
