/**
 * Feedback: kudos, comments, the inbox, and the blocks and mutes that bound
 * them (docs/DOMAIN.md, Feedback).
 *
 * - `kudos`: one per work per account (`user_id`), or per guest address
 *   (`guest_key`, a keyed hash of the address, never the address itself).
 *   Both dialects let a unique index hold any number of nulls, so one pair of
 *   unique indexes enforces both rules. `chapter_id` is where it was given
 *   from; `notified_at` is set once the creator's daily kudos mail has told
 *   of it.
 * - `comments`: on a whole work (`chapter_id` null) or one chapter; a reply
 *   names its `parent_id`, every comment its thread's top-level comment
 *   (`thread_id`, its own id at the top), and its `depth` (0 at the top).
 *   `state` is `published` or `held` (awaiting a creator's approval, with a
 *   `hold_reason`); `is_hidden` (a creator hid it), `is_frozen` (no more
 *   replies under it) and `deleted_at` (deleted but kept, because it has
 *   replies: "(Previous comment deleted.)") are the rest of its life.
 * - `inbox_items`: one per comment per person told of it (a comment on their
 *   work, a reply to their comment), read or unread.
 * - `user_blocks`, `user_mutes`: who blocked or muted whom.
 * - Four preferences on `users`, by AO3's names: turn off emails about
 *   comments, about kudos, copies of my own comments, and guest replies to my
 *   comments.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  for (const column of ['comment_emails_off', 'kudos_emails_off', 'comment_copies_off', 'guest_replies_off']) {
    await db.schema.alterTable('users').addColumn(column, 'integer', flag).execute();
  }

  await withId(db.schema.createTable('kudos'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
    // Set null when the account goes: the kudos stays, counted with the guests'.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('guest_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .execute();
  await db.schema.createIndex('kudos_work_user').on('kudos').columns(['work_id', 'user_id']).unique().execute();
  await db.schema.createIndex('kudos_work_guest').on('kudos').columns(['work_id', 'guest_key']).unique().execute();
  await db.schema.createIndex('kudos_user').on('kudos').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('kudos_unnotified').on('kudos').columns(['notified_at', 'work_id']).execute();

  await withId(db.schema.createTable('comments'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer')
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .addColumn('guest_name', 'text')
    .addColumn('guest_email', 'text')
    .addColumn('guest_key', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('hold_reason', 'text')
    .addColumn('is_hidden', 'integer', flag)
    .addColumn('is_frozen', 'integer', flag)
    .addColumn('deleted_at', 'text')
    .addColumn('edited_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_work_place')
    .on('comments')
    .columns(['work_id', 'chapter_id', 'parent_id', 'id'])
    .execute();
  await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
  await db.schema.createIndex('comments_user').on('comments').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('comments_guest').on('comments').columns(['guest_key', 'id']).execute();

  await withId(db.schema.createTable('inbox_items'), d)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbox_items_once')
    .on('inbox_items')
    .columns(['user_id', 'comment_id'])
    .unique()
    .execute();
  await db.schema.createIndex('inbox_items_user').on('inbox_items').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('inbox_items_comment').on('inbox_items').column('comment_id').execute();

  for (const [table, who, whom] of [
    ['user_blocks', 'blocker_id', 'blocked_id'],
    ['user_mutes', 'muter_id', 'muted_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(who, 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn(whom, 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [who, whom])
      .execute();
    await db.schema.createIndex(`${table}_${whom}`).on(table).column(whom).execute();
  }
}
