/**
 * What the comment routes share: reading ids and `return_to`, and the gate
 * every comment page passes — the work exists and this viewer may read it
 * (src/visibility), else the same 404 (or log-in) the work's own pages give,
 * and the adult content notice those pages show.
 */
import { whyCannotReadWork } from '../visibility/index.ts';
import { adultNoticeFor } from './adult-notice.tsx';
import type { AppContext } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { loadCommentTarget, loadCommentWork, type LoadedWork } from './comment-context.ts';

/** A database id from a path segment; anything else (or absurdly large) is no id. */
export function parseId(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** A path on this site to send the person back to, else `fallback`: never another site. */
export function sameSitePath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  if (/[\\\r\n\t]/.test(candidate)) return fallback;
  return candidate;
}

export const workCommentsPath = (workId: number) => `/works/${workId}/comments`;
export const chapterCommentsPath = (workId: number, chapterId: number) => `/works/${workId}/chapters/${chapterId}`;

export function notFound(c: AppContext): Response {
  return renderMessage(c, 404, 'Not found', 'There is no comment or work at this address.');
}

/**
 * Sends a guest to log in for a restricted work, answers 404 for what this viewer may not read, and shows
 * the adult content notice on the pages of a work that asks for it (as the work's own pages do).
 */
function refuseReading(c: AppContext, work: LoadedWork): Response | null {
  const why = whyCannotReadWork(c.get('viewer'), work);
  if (why === null) return adultNoticeFor(c, work);
  if (why === 'log_in') return c.redirect(`/login?return_to=${encodeURIComponent(c.req.path)}`, 303);
  return notFound(c);
}

export async function gateWork(c: AppContext, workId: number | null): Promise<Response | LoadedWork> {
  if (!workId) return notFound(c);
  const work = await loadCommentWork(c.get('deps').db, c.get('viewer'), workId, c.get('site'));
  if (!work) return notFound(c);
  return refuseReading(c, work) ?? work;
}

export async function gateComment(c: AppContext, commentId: number | null) {
  if (!commentId) return notFound(c);
  const target = await loadCommentTarget(c.get('deps').db, c.get('viewer'), commentId, c.get('site'));
  if (!target) return notFound(c);
  return refuseReading(c, target.work) ?? target;
}

export function refused(c: AppContext, message = 'You cannot do that with this comment.'): Response {
  return renderMessage(c, 403, 'Not allowed', message);
}
