/**
 * Blocking and muting from a profile. GET /users/:name/block and
 * /users/:name/mute explain what it does and ask; POST to the same path does
 * it, POST /users/:name/unblock and /users/:name/unmute undo it (each 303s
 * back with a message, to `return_to` when it is a path here). GET
 * /users/:name/blocked and /users/:name/muted list, to their owner alone,
 * the people they block or mute. What a block refuses is asked of
 * `isBlockedByAny` by kudos, comments and gifts; mutes apply in listings
 * (src/search/blocklist/with-mutes.ts) and comments.
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import { safeReturnTo } from '../accounts/schema.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash, setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { whyCannot, type Refusal } from './policy.ts';
import {
  addBlockOrMute,
  findBlockAndMute,
  listBlockedOrMuted,
  MAX_BLOCKS,
  MAX_MUTES,
  removeBlockOrMute,
  type BlockOrMute,
} from './queries.ts';
import { ConfirmPage, ListPage, userPath, WORDS } from './views.tsx';

export const blockingRoutes = new Hono<AppEnv>();

/** People per page of the blocked and muted lists. */
const PEOPLE_PER_PAGE = 50;

const MAX: Record<BlockOrMute, number> = { block: MAX_BLOCKS, mute: MAX_MUTES };

function refusalText(refusal: Refusal, kind: BlockOrMute, username: string): string {
  if (refusal === 'guest') return `Log in to ${kind} someone.`; // requireViewer has already sent guests to log in
  if (refusal === 'self') return `You cannot ${kind} yourself.`;
  return `You cannot block ${username}: they are one of the archive’s staff. You can mute them instead.`;
}

function fullText(kind: BlockOrMute): string {
  const max = MAX[kind].toLocaleString('en-US');
  return `You have ${WORDS[kind].done} ${max} people, the most you can. ${WORDS[kind].undo} someone first (see ${WORDS[kind].list.toLowerCase()} in your preferences).`;
}

/** Back where the form came from (a path here), else to the profile. */
function back(c: AppContext, form: Record<string, unknown>, username: string, message: string, isError = false) {
  const to = typeof form.return_to === 'string' && form.return_to ? safeReturnTo(form.return_to) : userPath(username);
  if (!isError) return redirectWithFlash(c, to, message);
  setFlash(c, message, 'error');
  return c.redirect(to, 303);
}

/** The viewer and the profile's user, or the response that stops here (log-in redirect, 404). */
async function viewerAndUser(c: AppContext) {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const user = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  return { viewer, user };
}

for (const kind of ['block', 'mute'] as const) {
  const words = WORDS[kind];

  blockingRoutes.get(`/users/:name/${kind}`, async (c) => {
    const found = await viewerAndUser(c);
    if (found instanceof Response) return found;
    const { viewer, user } = found;
    const refusal = whyCannot(viewer, kind, user);
    if (refusal) {
      return renderMessage(c, 403, `You cannot ${kind} ${user.username}`, refusalText(refusal, kind, user.username));
    }
    const already = (await findBlockAndMute(c.get('deps').db, viewer.id, user.id))[kind];
    return renderPage(
      c,
      { title: `${words.verb} ${user.username}` },
      <ConfirmPage kind={kind} username={user.username} already={already} />,
    );
  });

  blockingRoutes.post(`/users/:name/${kind}`, async (c) => {
    const found = await viewerAndUser(c);
    if (found instanceof Response) return found;
    const { viewer, user } = found;
    const form = await c.req.parseBody();
    const refusal = whyCannot(viewer, kind, user);
    if (refusal) return back(c, form, user.username, refusalText(refusal, kind, user.username), true);
    const outcome = await addBlockOrMute(c.get('deps').db, kind, viewer.id, user.id);
    if (outcome === 'full') return back(c, form, user.username, fullText(kind), true);
    const message =
      outcome === 'already'
        ? `You had already ${words.done} ${user.username}.`
        : `You have ${words.done} ${user.username}.`;
    return back(c, form, user.username, message);
  });

  blockingRoutes.post(`/users/:name/${words.undo.toLowerCase()}`, async (c) => {
    const found = await viewerAndUser(c);
    if (found instanceof Response) return found;
    const { viewer, user } = found;
    const form = await c.req.parseBody();
    const removed = await removeBlockOrMute(c.get('deps').db, kind, viewer.id, user.id);
    const message = removed
      ? `You have ${words.undone} ${user.username}.`
      : `You had not ${words.done} ${user.username}.`;
    return back(c, form, user.username, message);
  });

  blockingRoutes.get(`/users/:name/${words.listPath}`, async (c) => {
    const found = await viewerAndUser(c);
    if (found instanceof Response) return found;
    const { viewer, user } = found;
    if (viewer.id !== user.id) {
      return renderMessage(c, 403, 'Not yours', `Only ${user.username} can see whom they have ${words.done}.`);
    }
    const raw = c.req.query('page');
    const page = raw && /^[0-9]{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
    const { users, total } = await listBlockedOrMuted(c.get('deps').db, kind, viewer.id, {
      limit: PEOPLE_PER_PAGE,
      offset: (page - 1) * PEOPLE_PER_PAGE,
    });
    return renderPage(
      c,
      { title: page > 1 ? `${words.list} (page ${page})` : words.list },
      <ListPage
        kind={kind}
        ownerName={user.username}
        people={users}
        total={total}
        page={page}
        pageCount={Math.ceil(total / PEOPLE_PER_PAGE)}
        max={MAX[kind]}
      />,
    );
  });
}
