/**
 * The purge: works deleted more than 30 days ago lose their row for good
 * (`work.purged` tells whoever kept something of them). Each purged work is its own
 * audited command (actor "purge"), so the log says when it went. It runs
 * as a job (PURGE_JOB) queued every hour by each server process under the
 * same once-key (src/background.ts), so however many processes serve the
 * archive, one of them runs it.
 */
import type { Db } from '../db/database.ts';
import { runCommand, type Actor } from '../audit/run-command.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { findWorkForAudit, listWorkIdsDeletedBefore } from './deletion-queries.ts';
import { deleteWork } from './save-work.ts';

export const PURGE_JOB = 'works.purge-deleted';
export const PURGE_AFTER_DAYS = 30;
export const PURGE_ACTOR: Actor = { userId: null, name: 'purge' };
const BATCH = 100;

/** Purges every work deleted more than PURGE_AFTER_DAYS before `now`; gives their ids. */
export async function purgeDeletedWorks(db: Db, now: Date): Promise<number[]> {
  const cutoff = new Date(now.getTime() - PURGE_AFTER_DAYS * 86_400_000);
  const purged: number[] = [];
  for (;;) {
    const ids = await listWorkIdsDeletedBefore(db, cutoff, BATCH);
    if (!ids.length) return purged;
    for (const workId of ids) {
      await runCommand(
        db,
        {
          actor: PURGE_ACTOR,
          action: 'work.purge',
          target: { type: 'work', id: workId },
          reason: `deleted more than ${PURGE_AFTER_DAYS} days ago`,
        },
        async (trx) => {
          const before = await findWorkForAudit(trx, workId);
          await deleteWork(trx, workId);
          await recordEvent(trx, 'work.purged', { workId });
          return { before: before ?? null, after: null, result: undefined };
        },
      );
      purged.push(workId);
    }
  }
}
