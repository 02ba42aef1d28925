/**
 * Which function runs each kind of job. A job's payload is JSON; each
 * handler checks the shape it needs.
 */
import type { Database } from '../db/database.ts';
import { FILTER_TAGS_JOB, runFilterTagsJob } from '../search/filter-tags.ts';

export type JobHandler = (db: Database, payload: unknown) => Promise<void>;

export const jobHandlers: Record<string, JobHandler> = {
  [FILTER_TAGS_JOB]: runFilterTagsJob,
};
