/**
 * Steps the posting, editing and chapter routes share: reading a submitted
 * form, the log-in + existence + policy gate for a work's own pages, the
 * per-user posting rate limit, and which origins count as "this archive".
 */
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { RULES } from '../web/rate-limit.ts';
import { knowsWorkExists, findWorkAccess } from '../visibility/index.ts';
import { canEditWork, type WorkAccess } from './policy.ts';

/** The submitted form, repeated names (checkboxes) as arrays. */
export async function submittedForm(c: AppContext): Promise<Record<string, unknown>> {
  return (await c.req.parseBody({ all: true })) as Record<string, unknown>;
}

/** Links to this archive are recognised under its configured address and the one the request came to. */
export function archiveOrigins(c: { req: { url: string }; var: Pick<AppEnv['Variables'], 'deps'> }): string[] {
  return [...new Set([new URL(c.req.url).origin, new URL(c.var.deps.config.baseUrl).origin])];
}

export interface OwnWork {
  viewer: Viewer;
  access: WorkAccess;
}

/**
 * Log in → the work exists (404) → the policy allows it (403). Every page
 * that changes a work starts here.
 */
export async function gateWork(
  c: AppContext,
  workId: number,
  allowed: (viewer: Viewer, work: WorkAccess) => boolean = canEditWork,
): Promise<OwnWork | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const access = await findWorkAccess(c.get('deps').db, workId);
  // A work the viewer may not know of (someone else's draft, a deleted work) is not there, not even to say "not yours".
  if (!access || !knowsWorkExists(viewer, access))
    return renderMessage(c, 404, 'Not found', 'There is no work at this address.');
  if (!allowed(viewer, access))
    return renderMessage(c, 403, 'Not yours to change', 'Only the creators of this work can change it.');
  return { viewer, access };
}

/** Seconds to wait before this user may post again, or 0. Counts the attempt. */
export function postingWait(c: AppContext, viewer: Viewer): Promise<number> {
  return c.get('deps').rateLimiter.hit(`posting:${viewer.id}`, RULES.posting);
}

export function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `You have posted a lot in a short time. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and send this form again; everything you typed is still here.`;
}
