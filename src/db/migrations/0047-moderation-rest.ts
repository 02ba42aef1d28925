/**
 * Moderation, the rest: a work held for review before it goes public (a
 * young account's spam-like work), a bookmark a moderator hid, and what a
 * spammer mark hid so lifting the ban can give exactly that back (their
 * kudos, their comments).
 */
import type { Kysely } from 'kysely';
import { flag } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('works').addColumn('is_held', 'integer', flag).execute();
  // 'links' or 'repeated': why it was held, for the moderators' queue.
  await db.schema.alterTable('works').addColumn('hold_reason', 'text').execute();
  await db.schema.alterTable('bookmarks').addColumn('is_hidden', 'integer', flag).execute();
  await db.schema.alterTable('bookmarks').addColumn('hidden_reason', 'text').execute();
  await db.schema.alterTable('kudos').addColumn('is_hidden', 'integer', flag).execute();
  // Set when a spammer mark hid the comment, so lifting the ban unhides it and not one its work's creator hid.
  await db.schema.alterTable('comments').addColumn('hidden_by_ban', 'integer', flag).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('hidden_by_ban').execute();
  await db.schema.alterTable('kudos').dropColumn('is_hidden').execute();
  for (const column of ['hidden_reason', 'is_hidden'])
    await db.schema.alterTable('bookmarks').dropColumn(column).execute();
  for (const column of ['hold_reason', 'is_held']) await db.schema.alterTable('works').dropColumn(column).execute();
}
