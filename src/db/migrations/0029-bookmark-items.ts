/**
 * Bookmarks of series and of external works (issue 11, second part): a
 * bookmark now points at exactly one of a work, a series or an external work
 * (a work hosted elsewhere that a fan recs: its address, title, creator,
 * rating, summary and tags, one row per tag); and the indexes the bookmark
 * listings read — the public ones by date, a series' and a tag's, and the
 * bookmarker's tags by name.
 *
 * SQLite cannot drop a NOT NULL constraint, so there the table is rebuilt the
 * way its documentation says: foreign keys off (the migrator runs SQLite
 * migrations outside a transaction, so the pragma takes), copy, drop, rename,
 * check, foreign keys on. With the keys off, dropping the old table does not
 * cascade to `bookmark_tags`, whose reference then names the new table.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

const ONE_ITEM = sql`(case when work_id is null then 0 else 1 end + case when series_id is null then 0 else 1 end
  + case when external_work_id is null then 0 else 1 end) = 1`;

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await withId(db.schema.createTable('external_works'), dialect)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('creator', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('external_works_url').on('external_works').column('url').execute();
  await db.schema
    .createTable('external_work_tags')
    .addColumn('external_work_id', 'integer', (c) => c.notNull().references('external_works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_work_tags_pk', ['external_work_id', 'tag_id', 'field'])
    .execute();
  await db.schema.createIndex('external_work_tags_tag').on('external_work_tags').column('tag_id').execute();

  if (dialect === 'postgres') {
    await sql`alter table bookmarks alter column work_id drop not null`.execute(db);
    await db.schema
      .alterTable('bookmarks')
      .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
      .execute();
    await db.schema
      .alterTable('bookmarks')
      .addColumn('external_work_id', 'integer', (c) => c.references('external_works.id').onDelete('cascade'))
      .execute();
    await db.schema.alterTable('bookmarks').addCheckConstraint('bookmarks_one_item', ONE_ITEM).execute();
  } else {
    await sql`pragma foreign_keys = off`.execute(db);
    await db.schema
      .createTable('bookmarks_new')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
      .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('is_rec', 'integer', flag)
      .addColumn('is_private', 'integer', flag)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
      .addColumn('external_work_id', 'integer', (c) => c.references('external_works.id').onDelete('cascade'))
      .addCheckConstraint('bookmarks_one_item', ONE_ITEM)
      .execute();
    await sql`insert into bookmarks_new (id, work_id, pseud_id, user_id, notes, is_rec, is_private, created_at, updated_at)
      select id, work_id, pseud_id, user_id, notes, is_rec, is_private, created_at, updated_at from bookmarks`.execute(
      db,
    );
    await sql`drop table bookmarks`.execute(db);
    await sql`alter table bookmarks_new rename to bookmarks`.execute(db);
    await db.schema
      .createIndex('bookmarks_work_pseud')
      .on('bookmarks')
      .columns(['work_id', 'pseud_id'])
      .unique()
      .execute();
    await db.schema.createIndex('bookmarks_user').on('bookmarks').columns(['user_id', 'created_at']).execute();
    const broken = await sql`pragma foreign_key_check`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
    if (broken.rows.length) throw new Error('bookmarks rebuilt with dangling references');
  }
  // Exactly one item per bookmark, kept by the database; and one bookmark per item per pseud.
  await db.schema
    .createIndex('bookmarks_series_pseud')
    .on('bookmarks')
    .columns(['series_id', 'pseud_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('bookmarks_external_pseud')
    .on('bookmarks')
    .columns(['external_work_id', 'pseud_id'])
    .unique()
    .execute();
  await db.schema.createIndex('bookmarks_public_date').on('bookmarks').columns(['is_private', 'created_at']).execute();
  await db.schema.createIndex('bookmark_tags_name').on('bookmark_tags').columns(['name', 'bookmark_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookmark_tags_name').execute();
  await db.schema.dropIndex('bookmarks_public_date').execute();
  await db.schema.dropIndex('bookmarks_external_pseud').execute();
  await db.schema.dropIndex('bookmarks_series_pseud').execute();
  await db.deleteFrom('bookmarks').where('work_id', 'is', null).execute();
  if (dialectOf(db) === 'postgres') await sql`alter table bookmarks drop constraint bookmarks_one_item`.execute(db);
  await db.schema.alterTable('bookmarks').dropColumn('external_work_id').execute();
  await db.schema.alterTable('bookmarks').dropColumn('series_id').execute();
  await db.schema.dropTable('external_work_tags').execute();
  await db.schema.dropTable('external_works').execute();
}
