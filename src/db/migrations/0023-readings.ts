/**
 * Readings (src/readings/):
 *
 * - `readings`: one row per member and work they opened, marked for later
 *   or gave a status: when they last visited, how many times, the last
 *   chapter they read and how many chapters were posted then ("Updated since
 *   last visit"), whether it is marked for later, and their private reading
 *   status, note and 1–5 rating. History is the rows with a visit.
 * - `reading_settings`: a member who turned their history off.
 */
import type { Kysely } from 'kysely';
import { flag } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('readings')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('visited_at', 'text')
    .addColumn('visit_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
    .addColumn('chapters_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_marked_for_later', 'integer', flag)
    .addColumn('marked_at', 'text')
    .addColumn('status', 'text')
    .addColumn('note', 'text')
    .addColumn('rating', 'integer')
    .addColumn('status_updated_at', 'text')
    .addPrimaryKeyConstraint('readings_pk', ['user_id', 'work_id'])
    .execute();
  // The history page's newest-first order, and a work's readers when it is purged.
  await db.schema.createIndex('readings_visited').on('readings').columns(['user_id', 'visited_at']).execute();
  await db.schema.createIndex('readings_work').on('readings').column('work_id').execute();
  await db.schema
    .createTable('reading_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('is_history_off', 'integer', flag)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reading_settings').execute();
  await db.schema.dropTable('readings').execute();
}
