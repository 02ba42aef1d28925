/**
 * Loading what the comment policy needs to answer: the work's access facts
 * (from src/visibility) with its comment settings and whether its creators
 * blocked the viewer, and a comment with what its author decided about the
 * viewer (a block, no guest replies).
 */
import { isBlockedByAny } from '../blocking/queries.ts';
import type { Db } from '../db/database.ts';
import { findWorkAccess, readableChapters, type WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import type { Comment } from './comments.table.ts';
import type { CommentFacts, CommentWork } from './policy.ts';
import { chaptersOfWork, findComment, findCommentSettings, refusesGuestReplies } from './queries.ts';

export interface LoadedWork extends CommentWork {
  title: string;
  /** Its rating, for the adult content notice (route-helpers.ts). */
  rating: string;
  /** Its visible comments (`works.comments_count`). */
  commentsCount: number;
}

/** What of the archive's settings (`c.get('site')`) the comment rules honour. */
export interface CommentSiteSettings {
  /** Off: no guest may comment or reply anywhere, whatever a work allows. */
  guestComments: boolean;
}

/**
 * A work's comment permission as this viewer meets it: with guest comments off archive-wide, a guest meets
 * every work as one only registered users may comment on — so every page (the work's, a chapter's, a
 * comment's permalink, the comment pages, the API) shows no box and no Reply, and the policy refuses the post.
 */
export function underSiteSettings<W extends CommentWork>(
  work: W,
  viewer: Viewer | null,
  site?: CommentSiteSettings,
): W {
  if (viewer || !site || site.guestComments || work.commentPermission !== 'everyone') return work;
  return { ...work, commentPermission: 'registered' };
}

export async function loadCommentWork(
  db: Db,
  viewer: Viewer | null,
  workId: number,
  site?: CommentSiteSettings,
): Promise<LoadedWork | undefined> {
  const access = await findWorkAccess(db, workId);
  return access ? withCommentSettings(db, viewer, access, site) : undefined;
}

/** The comment facts of a work whose access facts the caller already loaded (the work page has). */
export async function withCommentSettings(
  db: Db,
  viewer: Viewer | null,
  access: WorkAccess,
  site?: CommentSiteSettings,
): Promise<LoadedWork | undefined> {
  const settings = await findCommentSettings(db, access.id);
  if (!settings) return undefined;
  const blocksViewer = await isBlockedByAny(db, access.creatorUserIds, viewer?.id ?? null);
  return underSiteSettings({ ...access, ...settings, blocksViewer }, viewer, site);
}

export async function loadCommentFacts(db: Db, viewer: Viewer | null, comment: Comment): Promise<CommentFacts> {
  return {
    ...comment,
    authorBlocksViewer: comment.user_id !== null && (await isBlockedByAny(db, [comment.user_id], viewer?.id ?? null)),
    authorRefusesGuests: viewer === null && (await refusesGuestReplies(db, comment.user_id)),
  };
}

/** A comment with its work, both as the policy sees them; undefined when either is missing. */
export async function loadCommentTarget(
  db: Db,
  viewer: Viewer | null,
  commentId: number,
  site?: CommentSiteSettings,
): Promise<{ row: Comment; comment: CommentFacts; work: LoadedWork } | undefined> {
  const row = await findComment(db, commentId);
  if (!row) return undefined;
  const work = await loadCommentWork(db, viewer, row.work_id, site);
  if (!work) return undefined;
  return { row, comment: await loadCommentFacts(db, viewer, row), work };
}

/** The chapter's number as this viewer reads the work, or undefined when they may not read that chapter. */
export async function readableChapterNumber(
  db: Db,
  viewer: Viewer | null,
  work: CommentWork,
  chapterId: number,
): Promise<number | undefined> {
  const chapters = readableChapters(await chaptersOfWork(db, work.id), viewer, work);
  return chapters.find((ch) => ch.id === chapterId)?.number;
}
