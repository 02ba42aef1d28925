/**
 * What a job handler is. The runner knows no job kinds itself: the
 * composition root (src/background.ts) hands it the handlers of every kind,
 * so the jobs queue depends on no domain and any domain may queue jobs.
 * A job's payload is JSON; each handler checks the shape it needs.
 */
import type { Db } from '../db/database.ts';

export interface JobHandler {
  run(db: Db, payload: unknown): Promise<void>;
  /**
   * Runs inside one transaction with marking the job done. For handlers
   * that only write rows (an outbox event fanning out into mail jobs): a
   * crash then leaves either nothing or everything, so they never run
   * twice. Handlers that talk to the outside (SMTP) must not, or a slow
   * server would hold the transaction open.
   */
  inTransaction?: boolean;
}

/** Job kind → its handler. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** A handler run outside any transaction (it may be retried after it had an effect: keep it idempotent). */
export const outside = (run: JobHandler['run']): JobHandler => ({ run });

/** A handler run in one transaction with marking its job done. */
export const inTransaction = (run: JobHandler['run']): JobHandler => ({ run, inTransaction: true });
