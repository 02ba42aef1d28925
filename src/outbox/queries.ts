/**
 * SQL of the outbox. Events are rows of the `jobs` table whose kind is
 * `event:<type>` (outbox.ts says why), so these are the few queries that
 * write and read them by type; claiming and retrying are the jobs queue's.
 */
import type { Job, JobStatus } from '../jobs/jobs.table.ts';
import type { Db } from '../db/database.ts';

export const EVENT_KIND_PREFIX = 'event:';

export async function insertEvent(db: Db, type: string, payload: unknown): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('jobs')
    .values({
      kind: EVENT_KIND_PREFIX + type,
      payload: JSON.stringify(payload),
      run_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Many events of one type, in order, 500 rows a statement. */
export async function insertEvents(db: Db, type: string, payloads: readonly unknown[]): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < payloads.length; i += 500) {
    await db
      .insertInto('jobs')
      .values(
        payloads.slice(i, i + 500).map((payload) => ({
          kind: EVENT_KIND_PREFIX + type,
          payload: JSON.stringify(payload),
          run_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
}

/** Events of a type (optionally in one state), oldest first. */
export async function listEvents(db: Db, type: string, status?: JobStatus): Promise<Job[]> {
  let query = db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', EVENT_KIND_PREFIX + type);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('id').execute();
}
