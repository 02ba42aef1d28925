/**
 * Moderation: the support role, a user's suspension and ban (and spammer
 * mark), why and by which action a work was hidden, abuse reports and the
 * moderators' private notes on users.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.alterTable('users').addColumn('is_support', 'integer', flag).execute();
  await db.schema.alterTable('users').addColumn('suspended_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('suspension_reason', 'text').execute();
  await db.schema.alterTable('users').addColumn('banned_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('ban_reason', 'text').execute();
  await db.schema.alterTable('users').addColumn('is_spammer', 'integer', flag).execute();
  await db.schema.alterTable('works').addColumn('hidden_reason', 'text').execute();
  // 'moderator' (hidden by itself) or 'ban' (hidden with its creator's ban, unhidden when it is lifted).
  await db.schema.alterTable('works').addColumn('hidden_by', 'text').execute();

  await withId(db.schema.createTable('reports'), dialect)
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reporter_email', 'text')
    // `user:N` or a guest's keyed email: "the same thing once a day" is counted by it.
    .addColumn('reporter_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('assigned_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('outcome', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_queue').on('reports').columns(['status', 'target_type', 'target_id']).execute();
  await db.schema
    .createIndex('reports_reporter')
    .on('reports')
    .columns(['reporter_key', 'target_type', 'target_id', 'created_at'])
    .execute();

  await withId(db.schema.createTable('user_notes'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_notes_user').on('user_notes').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_notes').execute();
  await db.schema.dropTable('reports').execute();
  for (const column of ['hidden_by', 'hidden_reason']) await db.schema.alterTable('works').dropColumn(column).execute();
  for (const column of [
    'is_spammer',
    'ban_reason',
    'banned_at',
    'suspension_reason',
    'suspended_until',
    'is_support',
  ]) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
