/**
 * SQL of the background jobs queue. A job is claimed with one
 * `UPDATE … RETURNING` (plus `FOR UPDATE SKIP LOCKED` on PostgreSQL), so two
 * runners — two processes, or two machines sharing PostgreSQL — never take
 * the same job, and no runner waits on a job another one holds.
 */
import type { Job, JobStatus } from './jobs.table.ts';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';

export interface NewJob {
  kind: string;
  /** What the job is about (`tag:12`): a queued job with the same kind and subject is not queued twice. */
  subject?: string;
  payload?: unknown;
  runAt?: Date;
  /** Queues the job at most once ever for this key (a periodic job's slot, `purge:2026-12-02T03`). */
  onceKey?: string;
}

/**
 * Queues a job, or returns the id of the same job already waiting (it will
 * see the latest data when it runs). A job with a `onceKey` already queued
 * (even done) by anyone is not queued again, and gives undefined.
 */
export async function enqueueJob(db: Db, job: NewJob & { onceKey: string }): Promise<number | undefined>;
export async function enqueueJob(db: Db, job: NewJob): Promise<number>;
export async function enqueueJob(db: Db, job: NewJob): Promise<number | undefined> {
  if (job.subject) {
    const waiting = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', job.kind)
      .where('subject', '=', job.subject)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (waiting) return waiting.id;
  }
  const now = new Date().toISOString();
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      subject: job.subject ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: (job.runAt ?? new Date()).toISOString(),
      created_at: now,
      once_key: job.onceKey ?? null,
    })
    // The unique index on once_key decides between two processes queueing the same slot at once.
    .onConflict((oc) => oc.column('once_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Queues many plain jobs (no subject, no once-key) a few hundred rows an insert, e.g. a run's mails. */
export async function enqueueJobs(db: Db, jobs: ReadonlyArray<Pick<NewJob, 'kind' | 'payload'>>): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < jobs.length; i += 500)
    await db
      .insertInto('jobs')
      .values(
        jobs.slice(i, i + 500).map((job) => ({
          kind: job.kind,
          subject: null,
          payload: JSON.stringify(job.payload ?? {}),
          run_at: now,
          created_at: now,
          once_key: null,
        })),
      )
      .execute();
}

/**
 * Claims the next due job. A job left `running` longer than `staleAfterMs`
 * belonged to a runner that died mid-way, so it is claimed again.
 */
export async function claimNextJob(db: Db, staleAfterMs: number): Promise<Job | undefined> {
  const now = new Date();
  const staleBefore = new Date(now.getTime() - staleAfterMs).toISOString();
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now.toISOString())]),
        eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialectOf(db) === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', claimed_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', next)
    .returningAll()
    .executeTakeFirst();
}

export async function finishJob(db: Db, id: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date().toISOString(), last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Puts a failed job back in the queue for `retryAt`, or marks it failed for good when there is no retry. */
export async function failJob(db: Db, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', run_at: retryAt.toISOString(), last_error: error }
        : { status: 'failed', finished_at: new Date().toISOString(), last_error: error },
    )
    .where('id', '=', id)
    .execute();
}

/** True while a job about `subject` waits or runs. */
export async function hasPendingJob(db: Db, subject: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('subject', '=', subject)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return !!row;
}

/** How many jobs stand in each state: failed ones wait for an admin to read their last_error. */
export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** Jobs that failed for good, newest first. */
export async function listFailedJobs(db: Db, limit = 50): Promise<Job[]> {
  return db.selectFrom('jobs').selectAll().where('status', '=', 'failed').orderBy('id', 'desc').limit(limit).execute();
}

/** Forgets jobs done before `before`; failed ones stay until someone has looked at them. */
export async function pruneDoneJobs(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findJob(db: Db, id: number): Promise<Job | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs of one kind that failed for good (mail that never left, for the metrics). */
export async function countFailedJobsOfKind(db: Db, kind: string): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
