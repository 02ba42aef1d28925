/**
 * The outbox and the audit log. Outbox events are rows of the existing
 * `jobs` table (see src/outbox/outbox.ts); what they need here is
 * `jobs.once_key`, unique when set, so a periodic job queued by every
 * server process at the same hour (the purge of deleted works) is queued
 * once: the second insert hits the index and does nothing. The audit log
 * records who did what to which thing, with its state before and after as
 * JSON and the reason given; rows are only ever appended.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await db.schema.alterTable('jobs').addColumn('once_key', 'text').execute();
  // Both dialects let any number of rows leave a unique column null.
  await db.schema.createIndex('jobs_once_key').on('jobs').column('once_key').unique().execute();

  await withId(db.schema.createTable('audit_log'), d)
    // Set null when the account goes; actor_name keeps who it was ("command line", "purge" for the system).
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    // No foreign key: the entry outlives what it names (a purged work, a deleted comment).
    .addColumn('target_id', 'integer')
    .addColumn('before', 'text') // JSON, null when the thing did not exist before
    .addColumn('after', 'text') // JSON, null when it no longer exists
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'target_id', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_user_id', 'id']).execute();
}
