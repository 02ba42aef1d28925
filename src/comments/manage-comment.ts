/**
 * What happens to a comment after it is posted: its author edits or deletes
 * it; a work's creators (and moderators) delete, approve, freeze or hide
 * it. Each runs in one transaction that recounts `works.comments_count`;
 * an action on someone else's comment goes through `runCommand`, so the
 * audit log says who did it.
 */
import { actorOf, runCommand } from '../audit/run-command.ts';
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import type { Viewer } from '../web/context.ts';
import type { Comment } from './comments.table.ts';
import {
  commentsOfThreads,
  findComment,
  hasReplies,
  markCommentDeleted,
  publishComment,
  refreshCommentsCount,
  removeComment,
  setCommentHidden,
  setCommentsFrozen,
  updateCommentBody,
} from './queries.ts';
import { isAuthor } from './policy.ts';

/** Runs a change in one transaction, logged when the viewer acts on someone else's comment. */
function change<T>(db: Db, viewer: Viewer, comment: Comment, action: string, run: (trx: Db) => Promise<T>) {
  if (isAuthor(viewer, comment)) return db.transaction().execute(run);
  return runCommand(
    db,
    { actor: actorOf(viewer), action, target: { type: 'comment', id: comment.id } },
    async (trx) => {
      const result = await run(trx);
      const after = await findComment(trx, comment.id);
      return { before: snapshot(comment), after: after ? snapshot(after) : null, result };
    },
  );
}

const snapshot = (c: Comment) => ({
  state: c.state,
  isHidden: c.is_hidden === 1,
  isFrozen: c.is_frozen === 1,
  deleted: c.deleted_at !== null,
  body: c.body,
});

export async function editComment(db: Db, comment: Comment, html: string, now = new Date()): Promise<void> {
  await db.transaction().execute((trx) => updateCommentBody(trx, comment.id, html, now.toISOString()));
}

/**
 * A comment with replies keeps its place, shown as "(Previous comment deleted.)"; one without is removed,
 * and so is each deleted comment above it that is left with no replies.
 */
export async function deleteComment(db: Db, viewer: Viewer, comment: Comment, now = new Date()): Promise<void> {
  await change(db, viewer, comment, 'comment.delete', async (trx) => {
    if (await hasReplies(trx, comment.id)) {
      await markCommentDeleted(trx, comment.id, now.toISOString());
    } else {
      await removeComment(trx, comment.id);
      let parentId = comment.parent_id;
      while (parentId !== null) {
        const parent = await findComment(trx, parentId);
        if (!parent || parent.deleted_at === null || (await hasReplies(trx, parent.id))) break;
        await removeComment(trx, parent.id);
        parentId = parent.parent_id;
      }
    }
    await refreshCommentsCount(trx, comment.work_id);
  });
}

/** Publishes a held comment; false when it was not held (approved already, by someone else perhaps). */
export async function approveComment(db: Db, viewer: Viewer, comment: Comment): Promise<boolean> {
  return change(db, viewer, comment, 'comment.approve', async (trx) => {
    if (!(await publishComment(trx, comment.id))) return false;
    await refreshCommentsCount(trx, comment.work_id);
    await recordEvent(trx, 'comment.approved', { commentId: comment.id });
    return true;
  });
}

export async function hideComment(db: Db, viewer: Viewer, comment: Comment, hidden: boolean): Promise<void> {
  await change(db, viewer, comment, hidden ? 'comment.hide' : 'comment.unhide', async (trx) => {
    await setCommentHidden(trx, comment.id, hidden);
    await refreshCommentsCount(trx, comment.work_id);
  });
}

/** The comment and every reply below it. */
function subtreeIds(all: readonly Comment[], rootId: number): number[] {
  const ids = [rootId];
  for (const c of all) if (c.parent_id !== null && ids.includes(c.parent_id)) ids.push(c.id);
  return ids;
}

/** Freezing stops replies below the comment, all the way down its part of the thread. */
export async function freezeComment(db: Db, viewer: Viewer, comment: Comment, frozen: boolean): Promise<void> {
  await change(db, viewer, comment, frozen ? 'comment.freeze' : 'comment.unfreeze', async (trx) => {
    // Oldest first, so every parent is met before its replies.
    const thread = await commentsOfThreads(trx, [comment.thread_id ?? comment.id]);
    await setCommentsFrozen(trx, subtreeIds(thread, comment.id), frozen);
  });
}
