/**
 * What a moderator does to a work, a comment or a report: each one audited
 * command (runCommand) with a reason, its state before and after. Hiding a
 * work sets the visibility module's `hidden` state and re-indexes it in the
 * same transaction, so it leaves every listing, count, search and the
 * in-memory index (through the search change log) at once; its creators
 * still see it, with the reason.
 */
import { runCommand, type Actor } from '../audit/run-command.ts';
import { deleteBookmarkInside, findBookmark, setBookmarkHidden } from '../bookmarks/queries.ts';
import { findComment, markCommentDeleted, refreshCommentsCount, setCommentHidden } from '../comments/queries.ts';
import type { Db } from '../db/database.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { resolveOpenReports } from '../reports/queries.ts';
import type { ReportTarget } from '../reports/reports.table.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { setWorkHold } from '../works/hold-queries.ts';
import { findHeldWork, findWorkModeration, setWorkHidden } from './queries.ts';

export class NothingThereError extends Error {}

const workState = (w: NonNullable<Awaited<ReturnType<typeof findWorkModeration>>>) => ({
  title: w.title,
  hidden: w.is_hidden === 1,
  hidden_reason: w.hidden_reason,
  deleted: w.deleted_at !== null,
});

/** Hides, unhides or deletes a work, inside the caller's audited transaction. */
async function changeWorkInside(
  trx: Db,
  workId: number,
  change: 'hide' | 'unhide' | 'delete',
  reason: string,
  now: Date,
): Promise<{ before: unknown; after: unknown }> {
  const before = await findWorkModeration(trx, workId);
  if (!before || before.deleted_at) throw new NothingThereError(`There is no work ${workId}.`);
  if (change === 'delete') await softDeleteWork(trx, workId, now);
  else {
    await setWorkHidden(trx, [workId], change === 'hide' ? { reason, by: 'moderator' } : null);
    await reindexWorks(trx, [workId]);
  }
  const after = await findWorkModeration(trx, workId);
  if (change === 'delete') await recordEvent(trx, 'work.deleted', { workId });
  return { before: workState(before), after: workState(after!) };
}

export async function moderateWork(
  db: Db,
  actor: Actor,
  workId: number,
  change: 'hide' | 'unhide' | 'delete',
  reason: string,
  now = new Date(),
): Promise<void> {
  await runCommand(
    db,
    { actor, action: `work.${change}`, target: { type: 'work', id: workId }, reason },
    async (trx) => ({
      ...(await changeWorkInside(trx, workId, change, reason, now)),
      result: undefined,
    }),
  );
}

/**
 * A held work, released (it goes public, and its subscribers and the people it names hear of it as if
 * just posted) or removed (deleted), as one audited command.
 */
export async function decideHeldWork(
  db: Db,
  actor: Actor,
  workId: number,
  verb: 'release' | 'remove',
  now = new Date(),
): Promise<void> {
  await runCommand(
    db,
    {
      actor,
      action: `work.${verb}`,
      target: { type: 'work', id: workId },
      reason: verb === 'release' ? 'not spam' : 'spam',
    },
    async (trx) => {
      const work = await findHeldWork(trx, workId);
      if (!work) throw new NothingThereError('That work is not held.');
      await setWorkHold(trx, workId, null);
      if (verb === 'release') {
        await reindexWorks(trx, [workId]);
        await recordEvent(trx, 'work.posted', { workId });
      } else {
        await softDeleteWork(trx, workId, now);
        await recordEvent(trx, 'work.deleted', { workId });
      }
      return {
        before: { held: true, hold_reason: work.hold_reason },
        after: verb === 'release' ? { held: false } : { deleted: true },
        result: undefined,
      };
    },
  );
}

export type Resolution = 'no-action' | 'hide' | 'delete';

const OUTCOME_TEXT: Record<Resolution, (type: ReportTarget) => string> = {
  'no-action': () => 'A moderator looked into it and found that no action was needed.',
  hide: (type) => `The ${type} was hidden.`,
  delete: (type) => `The ${type} was deleted.`,
};

/** Which resolutions a kind of thing offers (users are acted on from their moderation page). */
export function resolutionsFor(type: ReportTarget): Resolution[] {
  if (type === 'work' || type === 'comment' || type === 'bookmark') return ['no-action', 'hide', 'delete'];
  return ['no-action'];
}

/**
 * Resolves every open report of one thing with an action (or none), as one audited command; each
 * reporter hears of the outcome after the commit.
 */
export async function resolveReports(
  db: Db,
  actor: Actor,
  target: { type: ReportTarget; id: number },
  resolution: Resolution,
  reason: string,
  now = new Date(),
): Promise<number> {
  if (!resolutionsFor(target.type).includes(resolution)) throw new NothingThereError('That cannot be done to it.');
  const action = resolution === 'no-action' ? 'report.dismiss' : `${target.type}.${resolution}`;
  return runCommand(db, { actor, action, target, reason }, async (trx) => {
    let change: { before: unknown; after: unknown } = { before: null, after: null };
    if (resolution !== 'no-action' && target.type === 'work') {
      change = await changeWorkInside(trx, target.id, resolution, reason, now);
    } else if (resolution !== 'no-action' && target.type === 'comment') {
      const comment = await findComment(trx, target.id);
      if (!comment || comment.deleted_at) throw new NothingThereError(`There is no comment ${target.id}.`);
      // A moderator's delete keeps the comment's place in its thread ("Previous comment deleted"), not its text.
      if (resolution === 'hide') await setCommentHidden(trx, comment.id, true);
      else await markCommentDeleted(trx, comment.id, now.toISOString());
      await refreshCommentsCount(trx, comment.work_id);
      change = {
        before: { hidden: comment.is_hidden === 1, body: comment.body },
        after: { [resolution === 'hide' ? 'hidden' : 'deleted']: true },
      };
    }
    if (resolution !== 'no-action' && target.type === 'bookmark') {
      const bookmark = await findBookmark(trx, target.id);
      if (!bookmark) throw new NothingThereError(`There is no bookmark ${target.id}.`);
      if (resolution === 'hide') await setBookmarkHidden(trx, bookmark.id, reason);
      else await deleteBookmarkInside(trx, bookmark.id);
      change = {
        before: { hidden: bookmark.is_hidden === 1, notes: bookmark.notes },
        after: { [resolution === 'hide' ? 'hidden' : 'deleted']: true },
      };
    }
    const reportIds = await resolveOpenReports(
      trx,
      target.type,
      target.id,
      OUTCOME_TEXT[resolution](target.type),
      now.toISOString(),
    );
    if (!reportIds.length && resolution === 'no-action') throw new NothingThereError('Nothing is waiting there.');
    if (reportIds.length) await recordEvent(trx, 'report.resolved', { reportIds });
    return {
      before: { ...(change.before as object | null), open_reports: reportIds.length },
      after: { ...(change.after as object | null), outcome: resolution },
      result: reportIds.length,
    };
  });
}
