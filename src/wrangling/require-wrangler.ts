/**
 * The gate for wrangling pages: a guest is sent to log in (and back), a
 * logged-in reader who is not a wrangler or admin gets a 403 page.
 */
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, Viewer } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { canManageWranglers, canWrangle } from './policy.ts';

export function requireWrangler(c: AppContext): Viewer | Response {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return canWrangle(viewer)
    ? viewer
    : renderMessage(c, 403, 'Wranglers only', 'Only tag wranglers and admins can wrangle tags.');
}

export function requireAdmin(c: AppContext): Viewer | Response {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return canManageWranglers(viewer)
    ? viewer
    : renderMessage(c, 403, 'Admins only', 'Only admins can manage wranglers.');
}
