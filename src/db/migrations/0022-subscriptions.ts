/**
 * Subscriptions (src/subscriptions/):
 *
 * - `subscriptions`: a member follows a work (its new chapters), a series
 *   (its new works) or a creator (their new works); one row each, unique.
 * - `subscription_updates`: what was posted, one row per `work.posted` or
 *   `chapter.posted` event, in order; the notice mails read it by id.
 * - `subscription_readers`: per member, how often they want mail (hourly,
 *   daily or off), the last update their mail has looked at, when it last
 *   ran for them, and the secret token of their Atom feed.
 * - `subscription_sent`: every item a member has been told of, so the same
 *   work or chapter is never mailed twice.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await withId(db.schema.createTable('subscriptions'), d)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_once', ['user_id', 'kind', 'target_id'])
    .execute();
  await db.schema.createIndex('subscriptions_target').on('subscriptions').columns(['kind', 'target_id']).execute();
  await withId(db.schema.createTable('subscription_updates'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull())
    .addColumn('chapter_id', 'integer')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('subscription_readers')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('hourly'))
    .addColumn('last_update_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_at', 'text')
    .addColumn('feed_token', 'text')
    .execute();
  await db.schema
    .createTable('subscription_sent')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_sent_pk', ['user_id', 'item'])
    .execute();
}
