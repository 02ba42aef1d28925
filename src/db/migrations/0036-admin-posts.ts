/**
 * News posts by admins (`/admin_posts`), with an Atom feed, and their comments (`admin_post_comments`, flat:
 * members comment under a post, admins may delete a comment).
 */
import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await withId(db.schema.createTable('admin_posts'), d)
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_posts_created_at').on('admin_posts').column('created_at').execute();
  await withId(db.schema.createTable('admin_post_comments'), d)
    .addColumn('post_id', 'integer', (c) => c.notNull().references('admin_posts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_post_comments_post_id').on('admin_post_comments').column('post_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_post_comments').execute();
  await db.schema.dropTable('admin_posts').execute();
}
