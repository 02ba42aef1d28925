/**
 * Deleting a work: `deleteWorkAs` runs it as an audited command (who, the
 * work's title and status before, why), from the page and the API alike,
 * recording `work.deleted` so that downloads forget its cached files. The row stays for 30 days
 * (`softDeleteWork`) — for abuse reports and the log — until the purge
 * (purge-deleted-works.ts); src/visibility hides it from everyone meanwhile.
 */
import type { Db } from '../db/database.ts';
import { runCommand, type Actor } from '../audit/run-command.ts';
import { unindexWorks } from '../indexing/indexer.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { findWorkForAudit, markWorkDeleted } from './deletion-queries.ts';

export class WorkNotFoundError extends Error {}

export interface DeleteRequest {
  actor: Actor;
  /** A creator deletes their own work; otherwise an admin deletes it. */
  byCreator: boolean;
  reason?: string | null;
}

/** Deletes the work and logs it; gives the deleted work's title. */
export async function deleteWorkAs(db: Db, workId: number, request: DeleteRequest): Promise<string> {
  const reason = request.reason?.trim() || (request.byCreator ? 'deleted by its creator' : 'deleted by an admin');
  const title = await runCommand(
    db,
    { actor: request.actor, action: 'work.delete', target: { type: 'work', id: workId }, reason },
    async (trx) => {
      const before = await findWorkForAudit(trx, workId);
      if (!before) throw new WorkNotFoundError(`There is no work ${workId}.`);
      const now = new Date();
      await softDeleteWork(trx, workId, now);
      await recordEvent(trx, 'work.deleted', { workId });
      return {
        before: { title: before.title, status: before.status },
        after: { deleted_at: now.toISOString() },
        result: before.title,
      };
    },
  );
  return title;
}

/**
 * Marks a work deleted at `now` and takes it out of the search index (the
 * update is logged in the search change log, so every process's listing
 * index hears of it). Call inside the deleting command's transaction.
 */
export async function softDeleteWork(trx: Db, workId: number, now: Date): Promise<void> {
  await markWorkDeleted(trx, workId, now);
  await unindexWorks(trx, [workId]);
}
