/**
 * What a viewer may do with comments: `can(viewer, action, { work, comment })`,
 * pure, the one place these rules live. Who may read the work is the
 * visibility module's; this adds the work's comment permission, moderation,
 * frozen threads, hidden and held comments, blocks and guest replies. The
 * facts that need the database (blocks, the parent author's preference) are
 * looked up by the caller and handed in.
 */
import { isCreator, isStaff, whyCannotReadWork, type WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { can as canAsRole } from '../roles/policy.ts';
import type { Comment } from './comments.table.ts';
import type { CommentPermission } from './queries.ts';

export type CommentAction = 'post' | 'reply' | 'edit' | 'delete' | 'freeze' | 'hide' | 'approve' | 'see';

/** A work as the comment rules see it. */
export interface CommentWork extends WorkAccess {
  commentPermission: CommentPermission;
  moderatedComments: boolean;
  /** One of the work's creators blocked the viewer. */
  blocksViewer?: boolean;
}

/** A comment as the rules see it, with what its author decided about the viewer. */
export interface CommentFacts extends Pick<Comment, 'user_id' | 'state' | 'is_hidden' | 'is_frozen' | 'deleted_at'> {
  /** Its author blocked the viewer. */
  authorBlocksViewer?: boolean;
  /** Its author takes no replies from guests. */
  authorRefusesGuests?: boolean;
}

export interface CommentTarget {
  work: CommentWork;
  comment?: CommentFacts;
}

/** A work's creators and the archive's moderators and admins look after its comments. */
export function looksAfterComments(viewer: Viewer | null, work: WorkAccess): boolean {
  return isCreator(viewer, work) || isStaff(viewer);
}

export function isAuthor(viewer: Viewer | null, comment: Pick<Comment, 'user_id'>): boolean {
  return !!viewer && comment.user_id === viewer.id;
}

function mayPostOn(viewer: Viewer | null, work: CommentWork): boolean {
  // A member who has not confirmed their email address reads but does not comment.
  if (viewer && !canAsRole(viewer, 'contribute')) return false;
  if (whyCannotReadWork(viewer, work) !== null) return false;
  if (work.commentPermission === 'none') return false;
  if (work.commentPermission === 'registered' && !viewer) return false;
  return !work.blocksViewer;
}

/** Whether the comment's text may be shown to this viewer (deleted ones show as a placeholder to all). */
function maySee(viewer: Viewer | null, work: CommentWork, comment: CommentFacts): boolean {
  if (whyCannotReadWork(viewer, work) !== null) return false;
  if (comment.state === 'published' && comment.is_hidden === 0) return true;
  return isAuthor(viewer, comment) || looksAfterComments(viewer, work);
}

export function can(viewer: Viewer | null, action: CommentAction, { work, comment }: CommentTarget): boolean {
  if (action === 'post') return mayPostOn(viewer, work);
  if (!comment) return false;
  const live = comment.deleted_at === null;
  switch (action) {
    case 'see':
      return maySee(viewer, work, comment);
    case 'reply':
      return (
        mayPostOn(viewer, work) &&
        live &&
        comment.state === 'published' &&
        comment.is_hidden === 0 &&
        comment.is_frozen === 0 &&
        !comment.authorBlocksViewer &&
        !(viewer === null && comment.authorRefusesGuests)
      );
    case 'edit':
      return live && isAuthor(viewer, comment) && whyCannotReadWork(viewer, work) === null;
    case 'delete':
      return live && maySee(viewer, work, comment) && (isAuthor(viewer, comment) || looksAfterComments(viewer, work));
    case 'freeze':
    case 'hide':
      return live && looksAfterComments(viewer, work) && whyCannotReadWork(viewer, work) === null;
    case 'approve':
      return (
        live && comment.state === 'held' && looksAfterComments(viewer, work) && whyCannotReadWork(viewer, work) === null
      );
  }
}

/** A new comment waits for approval on a moderated work, unless a creator of the work wrote it. */
export function holdsNewComment(viewer: Viewer | null, work: CommentWork): boolean {
  return work.moderatedComments && !isCreator(viewer, work);
}
