/**
 * What the inbox tests share: a comment row written straight into the
 * table (the posting code is the comments routes' own), recorded with its
 * outbox event as a posting command would, and a harness that delivers
 * events and mail through the real background handlers to a real SMTP
 * test server.
 */
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers } from '../background.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { TEST_ORIGIN } from '../../test/support/app.ts';
import type { CommentState } from './comments.table.ts';

export interface TestComment {
  workId: number;
  chapterId?: number | null;
  /** A member's comment (by their default pseud), or a guest's when absent. */
  by?: User;
  guestName?: string;
  guestEmail?: string;
  parentId?: number | null;
  body?: string;
  state?: CommentState;
}

/** Inserts a comment and records `comment.posted` in the same transaction; returns its id. */
export async function postTestComment(db: Db, comment: TestComment): Promise<number> {
  const pseud = comment.by ? await findDefaultPseud(db, comment.by.id) : undefined;
  return db.transaction().execute(async (trx) => {
    const parent = comment.parentId
      ? await trx
          .selectFrom('comments')
          .select(['thread_id', 'depth'])
          .where('id', '=', comment.parentId)
          .executeTakeFirstOrThrow()
      : undefined;
    const row = await trx
      .insertInto('comments')
      .values({
        work_id: comment.workId,
        chapter_id: comment.chapterId ?? null,
        parent_id: comment.parentId ?? null,
        thread_id: parent?.thread_id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        user_id: comment.by?.id ?? null,
        pseud_id: pseud?.id ?? null,
        guest_name: comment.by ? null : (comment.guestName ?? 'Wanderer'),
        guest_email: comment.by ? null : (comment.guestEmail ?? 'wanderer@example.test'),
        body: comment.body ?? '<p>The harbour scene stayed with me all day.</p>',
        state: comment.state ?? 'published',
        hold_reason: comment.state === 'held' ? 'moderated' : null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!parent) await trx.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
    await recordEvent(trx, 'comment.posted', { commentId: row.id });
    return row.id;
  });
}

/** Approves a held comment as the approve command would: published, with its event. */
export async function approveTestComment(db: Db, commentId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      .set({ state: 'published', hold_reason: null })
      .where('id', '=', commentId)
      .execute();
    await recordEvent(trx, 'comment.approved', { commentId });
  });
}

export interface NoticeHarness {
  smtp: TestSmtpServer;
  /** Runs every due job (events, then the mail they queued) as the background would. */
  deliver(): Promise<void>;
  mailsTo(email: string): TestSmtpServer['messages'];
  close(): Promise<void>;
}

export async function startNoticeHarness(db: Db): Promise<NoticeHarness> {
  const smtp = await startTestSmtpServer();
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    QUIRE_SMTP_URL: smtp.url,
  });
  const handlers = backgroundHandlers({ config, mailer: createMailer(config) });
  return {
    smtp,
    async deliver() {
      await runPendingJobs(db, handlers, { baseDelayMs: 0, log: () => {} });
    },
    mailsTo: (email) => smtp.messages.filter((m) => m.envelopeTo.includes(email)),
    close: () => smtp.close(),
  };
}

/** The inbox items of one person, oldest first, as (comment id, reason) pairs. */
export async function inboxOf(db: Db, userId: number) {
  return db
    .selectFrom('inbox_items')
    .select(['comment_id', 'reason'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}
