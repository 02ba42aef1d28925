/**
 * Bookmarks (issue 11): a pseud's bookmark of a work, with the bookmarker's
 * notes (sanitized HTML), a rec flag and a private flag, one per work per
 * pseud; and the bookmarker's own tags, one row per tag per bookmark.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await withId(db.schema.createTable('bookmarks'), dialect)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_rec', 'integer', flag)
    .addColumn('is_private', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bookmarks_work_pseud')
    .on('bookmarks')
    .columns(['work_id', 'pseud_id'])
    .unique()
    .execute();
  await db.schema.createIndex('bookmarks_user').on('bookmarks').columns(['user_id', 'created_at']).execute();
  await withId(db.schema.createTable('bookmark_tags'), dialect)
    .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bookmark_tags_bookmark_name')
    .on('bookmark_tags')
    .columns(['bookmark_id', 'name'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bookmark_tags').execute();
  await db.schema.dropTable('bookmarks').execute();
}
