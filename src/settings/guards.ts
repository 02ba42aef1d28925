/**
 * What the settings turn off, applied where the requests arrive so the features they gate need not each
 * ask: downloads (every `/downloads/…` file and a series' EPUB), guest comments (a comment or reply posted
 * without logging in), posting by accounts younger than the set hours, and — once a Terms of Service version
 * is published — a member who has not accepted it is asked to first (src/settings/tos-routes.tsx).
 */
import type { MiddlewareHandler } from 'hono';
import { renderMessage } from '../web/layout.tsx';
import type { AppContext, AppEnv } from '../web/context.ts';
import { accountFacts } from '../accounts/terms-queries.ts';

const isDownload = (path: string) => path.startsWith('/downloads/') || /^\/series\/\d+\/download\.epub$/.test(path);
const isCommentPost = (path: string) => /^\/works\/\d+\/comments$/.test(path) || /^\/comments\/\d+\/reply$/.test(path);
const isWorkPost = (path: string) => path === '/works/new' || path === '/works/import';

/** Pages a member who has not accepted the new terms may still reach. */
const beforeAcceptance = (path: string) =>
  path === '/tos' ||
  path === '/tos/accept' ||
  path === '/privacy' ||
  path === '/logout' ||
  path.startsWith('/assets/') ||
  path.startsWith('/favicon') ||
  path.startsWith('/pseud-icons/') ||
  path.startsWith('/api/') ||
  path.startsWith('/kosync/') ||
  path.startsWith('/opds') ||
  path.startsWith('/downloads/') ||
  path.endsWith('.atom');

export const DOWNLOADS_OFF = 'Downloads are turned off on this archive.';
export const GUEST_COMMENTS_OFF = 'Comments from guests are turned off on this archive. Log in to comment.';

export function postingWaitMessage(hours: number): string {
  return `New accounts may post works ${hours} ${hours === 1 ? 'hour' : 'hours'} after they were created. Please come back later.`;
}

/** The hours this account still waits before it may post (0: it may). */
export async function hoursBeforePosting(c: AppContext, userId: number): Promise<number> {
  const { newAccountPostHours } = c.get('site');
  if (newAccountPostHours <= 0) return 0;
  const facts = await accountFacts(c.get('deps').db, userId);
  if (!facts) return 0;
  const waitMs = Date.parse(facts.createdAt) + newAccountPostHours * 3_600_000 - Date.now();
  return waitMs > 0 ? Math.ceil(waitMs / 3_600_000) : 0;
}

export const settingsGuards: MiddlewareHandler<AppEnv> = async (c, next) => {
  const site = c.get('site');
  const viewer = c.get('viewer');
  const path = c.req.path;
  if (!site.downloads && isDownload(path)) return renderMessage(c, 403, 'Downloads are off', DOWNLOADS_OFF);
  if (c.req.method === 'POST' && !viewer && !site.guestComments && isCommentPost(path)) {
    return renderMessage(c, 403, 'Log in to comment', GUEST_COMMENTS_OFF);
  }
  if (viewer && isWorkPost(path) && (await hoursBeforePosting(c, viewer.id)) > 0) {
    return renderMessage(c, 403, 'Not yet', postingWaitMessage(site.newAccountPostHours));
  }
  if (viewer && site.tosVersion > 0 && c.req.method === 'GET' && !beforeAcceptance(path)) {
    const facts = await accountFacts(c.get('deps').db, viewer.id);
    if (facts && facts.tosVersion < site.tosVersion) {
      const url = new URL(c.req.url);
      return c.redirect(`/tos/accept?return_to=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
  }
  await next();
};
