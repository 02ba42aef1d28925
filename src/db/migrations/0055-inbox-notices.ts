/**
 * Notices in the inbox: beside the items that tell of a comment, an item may now carry a notice of its own —
 * the outcome of a report the person made (`reason` 'report'), or what a moderator changed on their work
 * ('moderation') — as its text (`notice_text`, plain) and the page it points to (`notice_path`). Such an item
 * has no comment, so `comment_id` may now be null; exactly one of the two is set, kept by the database.
 * SQLite cannot drop a NOT NULL, so there the table is rebuilt the way its documentation says (foreign keys
 * off — the migrator runs SQLite migrations outside a transaction, so the pragma takes — copy, drop, rename,
 * check, keys on), as migration 0029 did for bookmarks.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

const ONE_KIND = sql`(comment_id is null) <> (notice_text is null)`;

async function indexes(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('inbox_items_once')
    .on('inbox_items')
    .columns(['user_id', 'comment_id'])
    .unique()
    .execute();
  await db.schema.createIndex('inbox_items_user').on('inbox_items').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('inbox_items_comment').on('inbox_items').column('comment_id').execute();
  await db.schema.createIndex('inbox_items_unread').on('inbox_items').columns(['user_id', 'read_at']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table inbox_items alter column comment_id drop not null`.execute(db);
    await db.schema.alterTable('inbox_items').addColumn('notice_text', 'text').execute();
    await db.schema.alterTable('inbox_items').addColumn('notice_path', 'text').execute();
    await db.schema.alterTable('inbox_items').addCheckConstraint('inbox_items_one_kind', ONE_KIND).execute();
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  await db.schema
    .createTable('inbox_items_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('notice_text', 'text')
    .addColumn('notice_path', 'text')
    .addCheckConstraint('inbox_items_one_kind', ONE_KIND)
    .execute();
  await sql`insert into inbox_items_new (id, user_id, comment_id, reason, read_at, created_at)
    select id, user_id, comment_id, reason, read_at, created_at from inbox_items`.execute(db);
  await sql`drop table inbox_items`.execute(db);
  await sql`alter table inbox_items_new rename to inbox_items`.execute(db);
  await indexes(db);
  const broken = await sql`pragma foreign_key_check`.execute(db);
  await sql`pragma foreign_keys = on`.execute(db);
  if (broken.rows.length) throw new Error('inbox_items rebuilt with dangling references');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('inbox_items').where('comment_id', 'is', null).execute();
  if (dialectOf(db) === 'postgres') {
    await db.schema.alterTable('inbox_items').dropConstraint('inbox_items_one_kind').execute();
    await db.schema.alterTable('inbox_items').dropColumn('notice_path').execute();
    await db.schema.alterTable('inbox_items').dropColumn('notice_text').execute();
    await sql`alter table inbox_items alter column comment_id set not null`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  await db.schema
    .createTable('inbox_items_old')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into inbox_items_old (id, user_id, comment_id, reason, read_at, created_at)
    select id, user_id, comment_id, reason, read_at, created_at from inbox_items`.execute(db);
  await sql`drop table inbox_items`.execute(db);
  await sql`alter table inbox_items_old rename to inbox_items`.execute(db);
  await indexes(db);
  await sql`pragma foreign_keys = on`.execute(db);
}
