/**
 * Wires what runs outside requests, beside server.ts which wires the
 * requests: the handler of every job kind — the filter-tag re-derivations
 * wrangling queues, outbox events and their listeners, mail, the purge of
 * deleted works — and the hourly schedule. `quire serve` starts it; tests
 * start it too, with a short poll. Keeping the wiring here is what lets the
 * jobs queue and the outbox depend on no domain.
 */
import { Cron } from 'croner';
import { REVEAL_JOB, runDueReveals } from './collections/commands.ts';
import { passwordResetListener } from './accounts/password-reset-mail.ts';
import { emailConfirmationListener } from './accounts/email-confirmation.ts';
import { commentNoticeListeners } from './comments/comment-notices.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { downloadCacheListeners } from './downloads/cache-listeners.ts';
import { pseudIconListeners } from './users/pseud-icons.ts';
import { inTransaction, outside, type JobHandlers } from './jobs/handlers.ts';
import { KUDOS_MAIL_JOB, queueKudosMails } from './kudos/daily-mail.ts';
import { enqueueJob, pruneDoneJobs } from './jobs/queries.ts';
import { startJobRunner, type RunnerOptions } from './jobs/runner.ts';
import type { Mailer } from './mail/mailer.ts';
import { MAIL_JOB, mailJobHandler } from './outbox/mail.ts';
import { eventJobHandlers, everyListener } from './outbox/outbox.ts';
import { FILTER_TAGS_JOB, runFilterTagsJob } from './indexing/filter-tags.ts';
import {
  queueSubscriptionMails,
  SUBSCRIPTION_MAIL_JOB,
  subscriptionUpdateListeners,
} from './subscriptions/notice-mail.ts';
import { reportNoticeListeners } from './reports/report-notices.ts';
import { PURGE_JOB, purgeDeletedWorks } from './works/purge-deleted-works.ts';
import { workNoticeListeners } from './works/work-notices.ts';
import { invitationNoticeListeners } from './collections/invitation-notices.tsx';
import { revealNoticeListeners } from './collections/reveal-notices.ts';
import { INVITATION_QUEUE_JOB, sendQueuedInvitations } from './invitations/send.ts';
import { DATA_EXPORT_SWEEP_JOB, dataExportJobHandlers } from './data-export/export-job.ts';

export interface BackgroundDeps {
  mailer: Mailer;
  config: Config;
}

const PRUNE_JOBS_JOB = 'jobs.prune-done';
/** Done jobs (delivered events, sent mail) are kept this long, for looking into what happened. */
const KEEP_DONE_JOBS_DAYS = 7;

export function backgroundHandlers({ mailer, config }: BackgroundDeps): JobHandlers {
  return {
    [FILTER_TAGS_JOB]: outside(runFilterTagsJob), // its own transactions, a chunk of works at a time
    [MAIL_JOB]: mailJobHandler(mailer),
    [PURGE_JOB]: outside(async (db) => {
      await purgeDeletedWorks(db, new Date());
    }),
    // Mail jobs and the kudos marked as told of commit together: a crash sends neither.
    [KUDOS_MAIL_JOB]: inTransaction(async (db) => {
      await queueKudosMails(db, config, new Date());
    }),
    // The same for subscription notices: the mails and the members' "told of" rows commit together.
    [SUBSCRIPTION_MAIL_JOB]: inTransaction(async (db) => {
      await queueSubscriptionMails(db, config, new Date());
    }),
    // The invitations and their mails commit together: a crash sends neither, and the queue stays as it was.
    [INVITATION_QUEUE_JOB]: inTransaction(async (db) => {
      await sendQueuedInvitations(db, config, new Date());
    }),
    // Scheduled reveals: the works' flags, their re-indexing and the `works.revealed` event commit together.
    [REVEAL_JOB]: inTransaction(async (db) => {
      await runDueReveals(db, new Date());
    }),
    // Members' data exports: each built outside any transaction (it writes a zip), and the hourly sweep of expired ones.
    ...dataExportJobHandlers(config),
    [PRUNE_JOBS_JOB]: outside(async (db) => {
      await pruneDoneJobs(db, new Date(Date.now() - KEEP_DONE_JOBS_DAYS * 86_400_000));
    }),
    ...eventJobHandlers(
      everyListener(
        workNoticeListeners(config),
        downloadCacheListeners(config),
        pseudIconListeners(config),
        commentNoticeListeners(config),
        subscriptionUpdateListeners(),
        revealNoticeListeners(config),
        reportNoticeListeners(config),
        invitationNoticeListeners(config),
        { 'password-reset.requested': passwordResetListener(mailer, config) },
        { 'email-confirmation.requested': emailConfirmationListener(mailer, config) },
      ),
    ),
  };
}

/**
 * Queues this hour's periodic jobs. Every server process calls it on the
 * same schedule; the once-key (one per job and hour) lets only the first
 * insert through, so the archive purges once however many processes run.
 */
export async function queueHourlyJobs(db: Db, now: Date): Promise<void> {
  const hour = now.toISOString().slice(0, 13); // 2026-12-02T03
  for (const kind of [PURGE_JOB, PRUNE_JOBS_JOB, REVEAL_JOB, SUBSCRIPTION_MAIL_JOB, DATA_EXPORT_SWEEP_JOB])
    await enqueueJob(db, { kind, onceKey: `${kind}:${hour}` });
  // Daily: the first hourly run of each (UTC) day queues it, the day's once-key keeps out the rest.
  await enqueueJob(db, { kind: KUDOS_MAIL_JOB, onceKey: `${KUDOS_MAIL_JOB}:${hour.slice(0, 10)}` });
  await enqueueJob(db, { kind: INVITATION_QUEUE_JOB, onceKey: `${INVITATION_QUEUE_JOB}:${hour.slice(0, 10)}` });
}

export interface Background {
  stop(): Promise<void>;
}

export interface BackgroundOptions extends RunnerOptions {
  pollMs?: number;
  /** Start the hourly schedule (off in tests, which call queueHourlyJobs themselves). */
  withSchedule?: boolean;
}

export function startBackground(
  db: Db,
  deps: BackgroundDeps,
  { withSchedule = true, ...options }: BackgroundOptions = {},
): Background {
  const log = options.log ?? console.error;
  const runner = startJobRunner(db, backgroundHandlers(deps), { ...options, log });
  const schedule = withSchedule
    ? new Cron('7 * * * *', { name: 'quire-hourly', unref: true, protect: true }, () =>
        queueHourlyJobs(db, new Date()).catch((error: unknown) =>
          log('quire jobs: could not queue the hourly jobs', error),
        ),
      )
    : null;
  return {
    async stop() {
      schedule?.stop();
      await runner.stop();
    },
  };
}
