/**
 * The one gate for pages that need a logged-in person: hands back the
 * viewer, or a redirect to the log-in page that returns here afterwards.
 */
import type { AppContext, Viewer } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { can } from '../roles/policy.ts';
import { UNCONFIRMED_MESSAGE } from '../web/unconfirmed-notice.tsx';

/** The path (with query) to come back to after logging in. */
export function currentPath(c: AppContext): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

export function loginPath(returnTo: string): string {
  return `/login?return_to=${encodeURIComponent(returnTo)}`;
}

/**
 * `const viewer = requireViewer(c); if (viewer instanceof Response) return viewer;`
 * A POST is sent back to log in with the page it came from as return_to,
 * since a redirect cannot replay the form.
 */
export function requireViewer(c: AppContext): Viewer | Response {
  const viewer = c.get('viewer');
  if (viewer) return viewer;
  let returnTo = currentPath(c);
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const referer = c.req.header('referer');
    returnTo = localPathOf(referer, c) ?? '/';
  }
  return c.redirect(loginPath(returnTo), 303);
}

function localPathOf(referer: string | undefined, c: AppContext): string | undefined {
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(c.req.url).origin) return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * The gate for posting (works, chapters): a logged-in member whose email
 * address is confirmed. Comments and bookmarks ask the same rule through
 * their policies (`can(viewer, 'contribute')`).
 */
export function requireContributor(c: AppContext): Viewer | Response {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!can(viewer, 'contribute')) return renderMessage(c, 403, 'Confirm your email address first', UNCONFIRMED_MESSAGE);
  return viewer;
}
