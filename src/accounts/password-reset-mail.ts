/**
 * The password reset mail, sent through the outbox: the forgot-password
 * route records a `password-reset.requested` event, and this listener makes
 * the link and mails it. The link's token is made here, at sending time,
 * so the raw token is never stored anywhere (the event holds only the
 * account id; password_resets only a hash). A retry after a failed send
 * makes a fresh link, which retires the unsent one.
 */
import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { EventListener, OutboxEvents } from '../outbox/outbox.ts';
import { createPasswordReset, findUserContact } from './queries.ts';

export const RESET_LINK_HOURS = 1;

export function hashResetToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

type ResetSettings = Pick<Config, 'baseUrl' | 'archiveName'>;

export function passwordResetListener(
  mailer: Mailer,
  config: ResetSettings,
): EventListener<OutboxEvents['password-reset.requested']> {
  return {
    // Outside a transaction: it talks to the mail server.
    async run(db, { userId }) {
      const user = await findUserContact(db, userId);
      if (!user) return; // the account was deleted meanwhile
      const token = crypto.randomBytes(32).toString('base64url');
      const issuedAt = new Date();
      const expiresAt = new Date(issuedAt.getTime() + RESET_LINK_HOURS * 3_600_000);
      await createPasswordReset(db, user.id, hashResetToken(token), expiresAt, issuedAt);
      await mailer.send({
        to: user.email,
        subject: `Reset your password on ${config.archiveName}`,
        text: [
          `Hello ${user.username},`,
          '',
          `Someone (we hope you) asked to reset the password of your account on ${config.archiveName}.`,
          `Open this link within ${RESET_LINK_HOURS} hour to choose a new password:`,
          '',
          `${config.baseUrl}/password/reset?token=${token}`,
          '',
          'The link works once. If you did not ask for this, ignore this email: your password stays as it is.',
        ].join('\n'),
      });
    },
  };
}
