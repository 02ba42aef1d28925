/**
 * Confirming an email address by mail: a new account's (until then it reads
 * but does not post, comment or bookmark), or the new address of an email
 * change (which takes effect only then). `requestEmailConfirmation` stores
 * the pending address and records `email-confirmation.requested` in the
 * caller's transaction; the listener makes the link's token at sending time
 * (so the raw token is stored nowhere) and mails it to the pending address.
 * A link is valid for 7 days and works once; a new request retires the
 * earlier link.
 */
import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import { recordEvent, type EventListener, type OutboxEvents } from '../outbox/outbox.ts';
import { findPendingConfirmation, insertEmailConfirmation, setConfirmationToken } from './confirmation-queries.ts';

export const CONFIRM_LINK_DAYS = 7;

export function hashConfirmationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Stores the address waiting for confirmation and asks for its link to be mailed, in the caller's transaction. */
export async function requestEmailConfirmation(trx: Db, userId: number, email: string): Promise<void> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000);
  const confirmationId = await insertEmailConfirmation(trx, userId, email, expiresAt, now);
  await recordEvent(trx, 'email-confirmation.requested', { confirmationId });
}

type Settings = Pick<Config, 'baseUrl' | 'archiveName'>;

export function emailConfirmationListener(
  mailer: Mailer,
  config: Settings,
): EventListener<OutboxEvents['email-confirmation.requested']> {
  return {
    // Outside a transaction: it talks to the mail server.
    async run(db, { confirmationId }) {
      const pending = await findPendingConfirmation(db, confirmationId);
      if (!pending) return; // spent, retired by a newer link, or the account was deleted
      const token = crypto.randomBytes(32).toString('base64url');
      await setConfirmationToken(db, pending.id, hashConfirmationToken(token));
      const link = `${config.baseUrl}/confirm-email?token=${token}`;
      const isNewAccount = pending.email_confirmed_at === null && pending.email === pending.current_email;
      await mailer.send({
        to: pending.email,
        subject: isNewAccount
          ? `Welcome to ${config.archiveName}: confirm your email address`
          : `Confirm your new email address on ${config.archiveName}`,
        text: [
          `Hello ${pending.username},`,
          '',
          isNewAccount
            ? `Your account on ${config.archiveName} is ready. You can log in at ${config.baseUrl}/login and read at once; to post works, comment and bookmark, confirm this address first by opening this link within ${CONFIRM_LINK_DAYS} days:`
            : `Someone (we hope you) asked to make this the email address of the account ${pending.username} on ${config.archiveName}. It takes effect when you open this link within ${CONFIRM_LINK_DAYS} days:`,
          '',
          link,
          '',
          'The link works once. If you did not ask for this, ignore this email.',
        ].join('\n'),
      });
    },
  };
}
