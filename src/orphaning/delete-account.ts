/**
 * Deleting an account, by its owner or an admin (logged in the audit log,
 * without the person's name: the log must not keep what the deletion
 * removes). The works they created alone are deleted or orphaned, as they
 * chose; works made with others lose only their name. Their comments stay,
 * reading "(Account deleted)"; everything else of theirs goes at once (their
 * pseuds' icon files just after commit).
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../audit/run-command.ts';
import { runCommand } from '../audit/run-command.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { iconFilesOf } from '../users/pseud-icon-queries.ts';
import { orphanInTransaction } from './orphan.ts';
import { bylineChanged, deleteCreatorshipsOf, findCreditedWorks, forgetAccount } from './queries.ts';

export type OwnWorksChoice = 'delete' | 'orphan';

export async function deleteAccount(
  db: Db,
  request: { userId: number; ownWorks: OwnWorksChoice; actor: Actor; byAdmin: boolean },
): Promise<void> {
  await runCommand(
    db,
    {
      // A person deleting themselves leaves no name in the log; an admin is named.
      actor: request.byAdmin ? request.actor : { userId: null, name: 'account owner' },
      action: 'user.delete',
      target: { type: 'user', id: request.userId },
      reason: request.byAdmin ? 'deleted by an admin' : 'deleted by its owner',
    },
    async (trx) => {
      const works = await findCreditedWorks(trx, request.userId);
      const own = works.filter((w) => !w.isShared).map((w) => w.workId);
      const shared = works.filter((w) => w.isShared).map((w) => w.workId);
      const now = new Date();
      if (request.ownWorks === 'orphan') {
        await orphanInTransaction(trx, { userId: request.userId, workIds: own, keepName: false });
      } else {
        for (const workId of own) {
          await softDeleteWork(trx, workId, now);
          await recordEvent(trx, 'work.deleted', { workId });
        }
      }
      await deleteCreatorshipsOf(trx, request.userId);
      await bylineChanged(trx, shared);
      const iconFiles = await iconFilesOf(trx, request.userId);
      if (iconFiles.length) await recordEvent(trx, 'pseud-icons.dropped', { files: iconFiles });
      await forgetAccount(trx, request.userId);
      return {
        before: { ownWorks: own.length, sharedWorks: shared.length },
        after: { ownWorks: request.ownWorks },
        result: undefined,
      };
    },
  );
}
