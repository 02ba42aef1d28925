/**
 * Runs queued jobs with the handlers it is given (src/background.ts wires
 * them): `runPendingJobs` drains the queue once (tests, the CLI),
 * `startJobRunner` polls in the background of `quire serve`. One job per
 * claim; a failing job is retried with an exponentially growing delay,
 * then left `failed` with its error — logged, and counted by
 * `countJobsByStatus` — for an admin to read. A job claimed by a runner
 * that died (a crash, a deploy) is claimed again once it is stale.
 */
import type { Db } from '../db/database.ts';
import type { JobHandlers } from './handlers.ts';
import { claimNextJob, failJob, finishJob } from './queries.ts';

export interface RunnerOptions {
  /** Tries in all, the first included, before a job is left failed. */
  maxAttempts?: number;
  /** The wait before the first retry; each later retry waits twice as long. */
  baseDelayMs?: number;
  /** A job running longer than this belonged to a runner that stopped; it is claimed again. */
  staleAfterMs?: number;
  log?: (...args: unknown[]) => void;
}

const DEFAULTS = { maxAttempts: 5, baseDelayMs: 30_000, staleAfterMs: 15 * 60_000 };

/** The wait after the `attempt`-th failed try: base, 2×base, 4×base… (30 s, 1 min, 2 min, 4 min by default). */
export function retryDelayMs(attempt: number, baseDelayMs = DEFAULTS.baseDelayMs): number {
  return baseDelayMs * 2 ** (attempt - 1);
}

export interface JobRunOutcome {
  done: number;
  /** Tries that failed and will be retried. */
  retrying: number;
  /** Jobs that failed for good. */
  failed: number;
}

/** Runs due jobs until none is left (or `limit` tries ran). */
export async function runPendingJobs(
  db: Db,
  handlers: JobHandlers,
  options: RunnerOptions & { limit?: number } = {},
): Promise<JobRunOutcome> {
  const { maxAttempts, baseDelayMs, staleAfterMs } = { ...DEFAULTS, ...options };
  const log = options.log ?? console.error;
  const limit = options.limit ?? Infinity;
  const outcome: JobRunOutcome = { done: 0, retrying: 0, failed: 0 };
  while (outcome.done + outcome.retrying + outcome.failed < limit) {
    const job = await claimNextJob(db, staleAfterMs);
    if (!job) break;
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    try {
      if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}".`);
      const payload = JSON.parse(job.payload) as unknown;
      if (handler.inTransaction) {
        await db.transaction().execute(async (trx) => {
          await handler.run(trx, payload);
          await finishJob(trx, job.id);
        });
      } else {
        await handler.run(db, payload);
        await finishJob(db, job.id);
      }
      outcome.done++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const willRetry = !!handler && job.attempts < maxAttempts;
      await failJob(
        db,
        job.id,
        message,
        willRetry ? new Date(Date.now() + retryDelayMs(job.attempts, baseDelayMs)) : null,
      );
      if (willRetry) {
        outcome.retrying++;
      } else {
        outcome.failed++;
        log(`quire jobs: job ${job.id} (${job.kind}) failed for good after ${job.attempts} tries: ${message}`);
      }
    }
  }
  return outcome;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Polls the queue every `pollMs` until stopped; one drain at a time. */
export function startJobRunner(
  db: Db,
  handlers: JobHandlers,
  { pollMs = 2000, ...options }: RunnerOptions & { pollMs?: number } = {},
): JobRunner {
  const log = options.log ?? console.error;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const drain = () => {
    if (busy || stopped) return;
    busy = true;
    running = runPendingJobs(db, handlers, { ...options, log })
      .catch((error: unknown) => log('quire jobs: the runner hit an error', error))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(drain, pollMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
