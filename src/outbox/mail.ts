/**
 * Mail through the outbox: `queueMail(trx, message)` makes one `mail` job
 * per message, in the caller's transaction; the mail job handler sends it
 * and, when the server refuses or cannot be reached, is retried with the
 * queue's backoff. A message is sent at least once: a crash after the
 * server took it but before the job is marked done sends it again, which
 * beats never sending it.
 */
import type { Db } from '../db/database.ts';
import { enqueueJob, enqueueJobs } from '../jobs/queries.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';

export const MAIL_JOB = 'mail';

/**
 * `onceKey` queues the message at most once ever under that key, for a
 * listener whose event may be delivered again (a comment's notices are
 * keyed by comment, recipient and kind).
 */
export async function queueMail(trx: Db, message: MailMessage, { onceKey }: { onceKey?: string } = {}): Promise<void> {
  await enqueueJob(trx, { kind: MAIL_JOB, payload: message, onceKey });
}

/** `queueMail` for many messages at once (a digest run's), in batches, in the caller's transaction. */
export async function queueMails(trx: Db, messages: readonly MailMessage[]): Promise<void> {
  await enqueueJobs(
    trx,
    messages.map((payload) => ({ kind: MAIL_JOB, payload })),
  );
}

function isMailMessage(value: unknown): value is MailMessage {
  const m = value as Partial<MailMessage> | null;
  return (
    !!m &&
    (typeof m.to === 'string' || Array.isArray(m.to)) &&
    typeof m.subject === 'string' &&
    typeof m.text === 'string'
  );
}

/** Sends a queued message (outside any transaction: SMTP may be slow). */
export function mailJobHandler(mailer: Mailer): JobHandler {
  return {
    async run(_db, payload) {
      if (!isMailMessage(payload)) throw new Error('A mail job needs to, subject and text.');
      await mailer.send(payload);
    },
  };
}
