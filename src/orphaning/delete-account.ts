/**
 * Deleting an account, by its owner, an admin on the account's admin page or
 * `quire user delete` (logged in the audit log without the person's name:
 * the log must not keep what the deletion removes; an admin gives a reason,
 * which is logged). The works they created alone are deleted or orphaned, as
 * chosen; works made with others lose only their name. Their comments stay,
 * reading "(Account deleted)"; everything else of theirs goes at once (their
 * pseuds' icon files just after commit). An admin cannot delete the orphan
 * account or a staff account (take the role away first).
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../audit/run-command.ts';
import { runCommand } from '../audit/run-command.ts';
import { ORPHAN_USERNAME } from '../accounts/orphan-account.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { iconFilesOf } from '../users/pseud-icon-queries.ts';
import { orphanInTransaction } from './orphan.ts';
import {
  bylineChanged,
  deleteCreatorshipsOf,
  findAccountToDelete,
  findCreditedWorks,
  forgetAccount,
} from './queries.ts';

export type OwnWorksChoice = 'delete' | 'orphan';

export const OWN_WORKS_CHOICES: readonly OwnWorksChoice[] = ['orphan', 'delete'];

export type DeleteAccountRequest = { userId: number; ownWorks: OwnWorksChoice } & (
  { byAdmin: false } | { byAdmin: true; actor: Actor; reason: string }
);

/** Why an admin's deletion was refused; nothing changed. */
export class DeletionRefusedError extends Error {}

export async function deleteAccount(db: Db, request: DeleteAccountRequest): Promise<void> {
  const reason = request.byAdmin ? request.reason.trim() : 'deleted by its owner';
  if (request.byAdmin && !reason) throw new DeletionRefusedError('Give a reason.');
  await runCommand(
    db,
    {
      // A person deleting themselves leaves no name in the log; an admin is named.
      actor: request.byAdmin ? request.actor : { userId: null, name: 'account owner' },
      action: 'user.delete',
      target: { type: 'user', id: request.userId },
      reason,
    },
    async (trx) => {
      const account = await findAccountToDelete(trx, request.userId);
      if (!account) throw new DeletionRefusedError('There is no such account.');
      if (account.username === ORPHAN_USERNAME) throw new DeletionRefusedError('The orphan account cannot be deleted.');
      if (request.byAdmin && (account.is_admin || account.is_moderator)) {
        throw new DeletionRefusedError('Staff accounts cannot be deleted; take their role away first.');
      }
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
