/**
 * A suspension takes away writing, at once and everywhere: one gate for the
 * site's forms and one for the API's writes, both asking `can(viewer,
 * 'write')`, so no posting, commenting, bookmarking, kudos or invitation
 * route has to remember it. A suspended person may still read, log in and
 * out, change their preferences and file a report; they are told why and
 * until when.
 */
import type { MiddlewareHandler } from 'hono';
import { can } from '../roles/policy.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { findSuspension } from './queries.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a suspended person may still send: their own session and settings, and reports. */
const STILL_ALLOWED = [/^\/login$/, /^\/logout$/, /^\/preferences(\/|$)/, /^\/password\//, /^\/reports$/];

export function suspensionText(until: string, reason: string | null): string {
  const day = until.slice(0, 10);
  return `Your account is suspended until ${day} (UTC): you can read and log in, but not post, comment, bookmark, leave kudos or send invitations.${reason ? ` The reason: ${reason}` : ''}`;
}

export const refuseSuspendedWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = c.get('viewer');
  if (SAFE_METHODS.has(c.req.method) || !viewer || can(viewer, 'write')) return next();
  const path = c.req.path;
  if (path.startsWith('/api/') || STILL_ALLOWED.some((allowed) => allowed.test(path))) return next();
  const suspension = await findSuspension(c.get('deps').db, viewer.id);
  return renderMessage(
    c,
    403,
    'Your account is suspended',
    suspensionText(suspension?.suspended_until ?? viewer.suspendedUntil ?? '', suspension?.suspension_reason ?? null),
  );
};
