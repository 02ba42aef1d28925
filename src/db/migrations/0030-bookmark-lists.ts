/**
 * Bookmark lists (issue 11): a reader's own named folders of bookmarks,
 * public or private, each bookmark filed in any number of them.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('bookmark_lists'), dialectOf(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_private', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bookmark_lists_user_name')
    .on('bookmark_lists')
    .columns(['user_id', 'name'])
    .unique()
    .execute();
  await db.schema
    .createTable('bookmark_list_items')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('bookmark_lists.id').onDelete('cascade'))
    .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bookmark_list_items_pk', ['list_id', 'bookmark_id'])
    .execute();
  await db.schema.createIndex('bookmark_list_items_bookmark').on('bookmark_list_items').column('bookmark_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bookmark_list_items').execute();
  await db.schema.dropTable('bookmark_lists').execute();
}
