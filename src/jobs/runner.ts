/**
 * Runs queued jobs: `runPendingJobs` drains the queue once (tests, the CLI),
 * `startJobRunner` polls in the background of `quire serve`. One job per
 * claim; a failing job is retried with a growing delay, then left `failed`
 * with its error for an admin to read.
 */
import type { Database } from '../db/database.ts';
import { jobHandlers, type JobHandler } from './handlers.ts';
import { claimNextJob, failJob, finishJob } from './queries.ts';

const MAX_ATTEMPTS = 5;
/** A job running longer than this belonged to a runner that stopped; it is claimed again. */
const STALE_AFTER_MS = 15 * 60_000;

export interface JobRunOutcome {
  done: number;
  failed: number;
}

/** Runs due jobs until none is left (or `limit` ran). */
export async function runPendingJobs(db: Database, limit = Infinity): Promise<JobRunOutcome> {
  const outcome: JobRunOutcome = { done: 0, failed: 0 };
  while (outcome.done + outcome.failed < limit) {
    const job = await claimNextJob(db, STALE_AFTER_MS);
    if (!job) break;
    const handler = jobHandlers[job.kind] as JobHandler | undefined;
    try {
      if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}".`);
      await handler(db, JSON.parse(job.payload) as unknown);
      await finishJob(db, job.id);
      outcome.done++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = handler && job.attempts < MAX_ATTEMPTS ? new Date(Date.now() + 2 ** job.attempts * 30_000) : null;
      await failJob(db, job.id, message, retryAt);
      outcome.failed++;
    }
  }
  return outcome;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Polls the queue every `pollMs` until stopped; one drain at a time. */
export function startJobRunner(db: Database, { pollMs = 2000, log = console.error } = {}): JobRunner {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = runPendingJobs(db)
      .then((outcome) => {
        if (outcome.failed) log(`quire jobs: ${outcome.failed} job(s) failed; see the jobs table's last_error.`);
      })
      .catch((error: unknown) => log('quire jobs: the runner hit an error', error))
      .finally(() => {
        busy = false;
      });
  }, pollMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
