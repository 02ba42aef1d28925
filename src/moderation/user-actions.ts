/**
 * What a moderator does to an account, each one audited command with a
 * reason: a private note, a warning (mailed to them), a suspension until a
 * date (they read and log in, they cannot write: suspension.ts), a ban
 * (they cannot log in, their sessions end, their tokens stop, their works
 * are hidden), marking as a spammer (a ban that also hides their comments,
 * so their works and comments leave every count), and lifting each.
 */
import { runCommand, type Actor } from '../audit/run-command.ts';
import { refreshCommentsCount } from '../comments/queries.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { queueMail } from '../outbox/mail.ts';
import {
  endSessionsOf,
  hideCommentsOf,
  setKudosHiddenOf,
  unhideBanHiddenCommentsOf,
  insertUserNote,
  listWorksOfUser,
  setBan,
  setSuspension,
  setWorkHidden,
  type ModeratedUser,
} from './queries.ts';

export type UserAction = 'note' | 'warn' | 'suspend' | 'unsuspend' | 'ban' | 'unban' | 'spammer';

const stateOf = (user: ModeratedUser) => ({
  suspended_until: user.suspended_until,
  banned: user.banned_at !== null,
  spammer: user.is_spammer === 1,
});

export interface UserActionRequest {
  actor: Actor;
  user: ModeratedUser;
  action: UserAction;
  reason: string;
  /** For a suspension: the day it ends (YYYY-MM-DD, UTC). */
  until?: string;
  config: Pick<Config, 'archiveName' | 'baseUrl'>;
  now?: Date;
}

export class RefusedActionError extends Error {}

export async function actOnUser(db: Db, request: UserActionRequest): Promise<string> {
  const { actor, user, action, reason, config } = request;
  const now = request.now ?? new Date();
  const at = now.toISOString();
  if (!reason.trim()) throw new RefusedActionError('Give a reason.');
  if ((action === 'ban' || action === 'spammer' || action === 'suspend') && (user.is_admin || user.is_moderator)) {
    throw new RefusedActionError('Staff cannot be suspended or banned; take their role away first.');
  }
  return runCommand(
    db,
    { actor, action: `user.${action}`, target: { type: 'user', id: user.id }, reason },
    async (trx) => {
      const before = stateOf(user);
      switch (action) {
        case 'note': {
          await insertUserNote(trx, {
            userId: user.id,
            authorUserId: actor.userId,
            authorName: actor.name,
            body: reason,
            at,
          });
          return { before: null, after: { note: reason }, result: 'The note was added.' };
        }
        case 'warn': {
          await queueMail(trx, {
            to: user.email,
            subject: `A warning from the moderators of ${config.archiveName}`,
            text: [
              `Hello ${user.username},`,
              '',
              'The moderators of the archive send you this warning:',
              '',
              reason,
              '',
              `${config.baseUrl}/tos`,
            ].join('\n'),
          });
          return { before, after: { warned: true }, result: `${user.username} was warned.` };
        }
        case 'suspend': {
          if (!request.until || !/^\d{4}-\d{2}-\d{2}$/.test(request.until))
            throw new RefusedActionError('Give the day the suspension ends.');
          const until = new Date(`${request.until}T23:59:59.999Z`);
          if (Number.isNaN(until.getTime()) || until <= now)
            throw new RefusedActionError('A suspension ends after today.');
          await setSuspension(trx, user.id, until.toISOString(), reason);
          return {
            before,
            after: { ...before, suspended_until: until.toISOString() },
            result: `${user.username} is suspended until ${request.until}.`,
          };
        }
        case 'unsuspend': {
          await setSuspension(trx, user.id, null, null);
          return {
            before,
            after: { ...before, suspended_until: null },
            result: `${user.username}'s suspension was lifted.`,
          };
        }
        case 'ban':
        case 'spammer': {
          const spammer = action === 'spammer';
          await setBan(trx, user.id, { at, reason, spammer });
          await endSessionsOf(trx, user.id);
          const works = (await listWorksOfUser(trx, user.id)).filter((w) => !w.is_hidden);
          await setWorkHidden(
            trx,
            works.map((w) => w.id),
            { reason: spammer ? 'Its creator was banned as a spammer.' : 'Its creator was banned.', by: 'ban' },
          );
          await reindexWorks(
            trx,
            works.map((w) => w.id),
          );
          let hiddenComments = 0;
          if (spammer) {
            const hidden = await hideCommentsOf(trx, user.id);
            for (const workId of hidden.workIds) await refreshCommentsCount(trx, workId);
            hiddenComments = hidden.commentIds.length;
            // Their kudos leave the counts (and the sorts by kudos) until the mark is lifted.
            await reindexWorks(trx, await setKudosHiddenOf(trx, user.id, true));
          }
          return {
            before,
            after: {
              banned: true,
              spammer: spammer || before.spammer,
              hidden_works: works.map((w) => w.id),
              hidden_comments: hiddenComments,
            },
            result: spammer
              ? `${user.username} was banned as a spammer; their works and comments are hidden.`
              : `${user.username} was banned; their works are hidden.`,
          };
        }
        case 'unban': {
          await setBan(trx, user.id, null);
          // What the ban hid comes back: their comments hidden with a spammer mark, and their kudos.
          const commentWorks = await unhideBanHiddenCommentsOf(trx, user.id);
          for (const workId of commentWorks) await refreshCommentsCount(trx, workId);
          await reindexWorks(trx, await setKudosHiddenOf(trx, user.id, false));
          // Works hidden with the ban come back; a work a moderator hid for itself stays hidden.
          const works = (await listWorksOfUser(trx, user.id)).filter((w) => w.hidden_by === 'ban');
          await setWorkHidden(
            trx,
            works.map((w) => w.id),
            null,
          );
          await reindexWorks(
            trx,
            works.map((w) => w.id),
          );
          return {
            before,
            after: { banned: false, unhidden_works: works.map((w) => w.id) },
            result: `${user.username}'s ban was lifted.`,
          };
        }
      }
    },
  );
}
