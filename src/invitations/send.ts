/**
 * Sending invitations: one mail with the code and a sign-up link that carries it, queued in the same
 * transaction as the invitation (it leaves through the outbox after commit). The daily queue job sends
 * the set number to the people who asked first, when the queue is on and creation is by invitation.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { queueMail } from '../outbox/mail.ts';
import { readSettingRows } from '../settings/queries.ts';
import { settingsOf } from '../settings/store.ts';
import { createInvitation, markRequestInvited, nextInQueue } from './queries.ts';

export const INVITATION_QUEUE_JOB = 'invitations.queue';

export function invitationMail(config: Config, email: string, code: string, from: string | null) {
  const link = `${config.baseUrl}/signup?invitation=${encodeURIComponent(code)}`;
  return {
    to: email,
    subject: `Your invitation to ${config.archiveName}`,
    text: [
      'Hello,',
      '',
      `${from ? `${from} has invited you` : 'You are invited'} to open an account on ${config.archiveName}.`,
      `Sign up at ${link}`,
      `or enter this invitation code on the sign-up page: ${code}`,
      '',
      'It works once. If you did not expect it, you need do nothing.',
    ].join('\n'),
  };
}

/** A new invitation from the archive (or from `fromUser`), mailed to `email`. */
export async function sendInvitation(
  db: Db,
  config: Config,
  email: string,
  now: Date,
  from: { userId: number; username: string } | null = null,
): Promise<string> {
  const code = await createInvitation(db, { email, userId: from?.userId ?? null, now });
  await queueMail(db, invitationMail(config, email, code, from?.username ?? null));
  return code;
}

/** The daily run: invites up to the day's number from the front of the queue; how many it invited. */
export async function sendQueuedInvitations(db: Db, config: Config, now: Date): Promise<number> {
  const site = settingsOf(await readSettingRows(db));
  if (!site.inviteQueueOn || site.accountCreation !== 'invitation' || site.invitesPerDay <= 0) return 0;
  const named = site.archiveName ? { ...config, archiveName: site.archiveName } : config;
  let sent = 0;
  for (const request of await nextInQueue(db, site.invitesPerDay)) {
    if (!(await markRequestInvited(db, request.id, now))) continue;
    await sendInvitation(db, named, request.email, now);
    sent++;
  }
  return sent;
}
