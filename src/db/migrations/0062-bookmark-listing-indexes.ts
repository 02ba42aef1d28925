/**
 * Indexes for the bookmark listings (issue 11's bench): someone else's view of a user's bookmarks walks that
 * user's public bookmarks newest first, and the recent recs walk the public recs newest first, each stopping
 * at its page. Both lead with two equalities, so SQLite picks them even before ANALYZE has seen the table.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('bookmarks_user_public')
    .on('bookmarks')
    .columns(['user_id', 'is_private', 'created_at'])
    .execute();
  await db.schema
    .createIndex('bookmarks_public_recs')
    .on('bookmarks')
    .columns(['is_private', 'is_rec', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookmarks_public_recs').execute();
  await db.schema.dropIndex('bookmarks_user_public').execute();
}
