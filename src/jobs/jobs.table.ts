/** The jobs table: background work and outbox events. */
import type { Generated, Selectable } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  subject: string | null;
  /** JSON text. */
  payload: Generated<string>;
  status: Generated<JobStatus>;
  run_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  claimed_at: string | null;
  finished_at: string | null;
  /** Unique when set (migration 0011): a job every process queues for the same slot is queued once. */
  once_key: string | null;
}

export type Job = Selectable<JobsTable>;
