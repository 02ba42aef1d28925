/**
 * Finding works: the full-text index (an FTS5 table on SQLite; tsvector
 * columns with GIN indexes on PostgreSQL), the per-work facts listings sort
 * and filter on that works does not hold (sortable title and creator, the
 * crossover flag, the tag count), the indexes each listing sort walks, and
 * readers' saved filters and personal blocklists.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await db.schema
    .createTable('work_search')
    .addColumn('work_id', 'integer', (c) => c.primaryKey().references('works.id').onDelete('cascade'))
    // Byte order on both dialects, so pages sort alike whatever the PostgreSQL locale.
    .addColumn('title_sort', 'text', (c) => (d === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('creator_sort', 'text', (c) =>
      d === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull(),
    )
    .addColumn('is_crossover', 'integer', flag)
    .addColumn('tag_count', 'integer', flag)
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_search_title').on('work_search').columns(['title_sort', 'work_id']).execute();
  await db.schema.createIndex('work_search_creator').on('work_search').columns(['creator_sort', 'work_id']).execute();

  if (d === 'sqlite') {
    // Contentless: the text already lives in works and chapters, so the index keeps only tokens
    // (snippets are cut from the stored text). contentless_delete lets a work be re-indexed in place.
    await sql`create virtual table work_text using fts5(
      title, creators, tags, summary, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    // A deleted work leaves the index in the same statement, whoever deletes it.
    await sql`create trigger works_delete_text after delete on works begin
      delete from work_text where rowid = old.id;
    end`.execute(db);
  } else {
    // One tsvector per field, like FTS5's columns, so a phrase never runs from one field into the next.
    for (const column of ['title_tsv', 'creators_tsv', 'tags_tsv', 'summary_tsv', 'body_tsv']) {
      await sql`alter table work_search add column ${sql.id(column)} tsvector not null default ''::tsvector`.execute(
        db,
      );
      await sql`create index ${sql.id(`work_search_${column}`)} on work_search using gin (${sql.id(column)})`.execute(
        db,
      );
    }
  }

  // Each listing sort walks its own index, newest or largest first, ties broken by id.
  const sorts: Array<[string, string]> = [
    ['works_sort_posted', 'published_on'],
    ['works_sort_updated', 'updated_on'],
    ['works_sort_words', 'word_count'],
    ['works_sort_hits', 'hits'],
    ['works_sort_kudos', 'kudos_count'],
    ['works_sort_comments', 'comments_count'],
    ['works_sort_bookmarks', 'bookmarks_count'],
  ];
  for (const [name, column] of sorts) {
    // Dates may be null; they sort as the oldest on both dialects (SQLite's natural order), and
    // PostgreSQL's index must say so to serve `desc nulls last` by scanning backwards.
    const nullsFirst = d === 'postgres' && column.endsWith('_on');
    if (nullsFirst) await sql`create index ${sql.id(name)} on works (${sql.id(column)} nulls first, id)`.execute(db);
    else await db.schema.createIndex(name).on('works').columns([column, 'id']).execute();
  }
  // Facet counts read every filter tag of the works in a result: a covering (work, tag) index.
  await db.schema
    .createIndex('filter_taggings_work_tag')
    .on('filter_taggings')
    .columns(['work_id', 'tag_id'])
    .execute();
  // It serves every lookup the (work_id) index did, so that one only cost writes (a third of a bulk load's).
  await db.schema.dropIndex('filter_taggings_work').execute();
  await db.schema.createIndex('works_language').on('works').columns(['language_id', 'id']).execute();

  await withId(db.schema.createTable('saved_filters'), d)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull()) // the canonical query string of the filters
    .addColumn('is_default', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index saved_filters_user_name on saved_filters (user_id, lower(name))`.execute(db);

  // The personal blocklist: what a reader never wants to see in a listing.
  await db.schema
    .createTable('blocked_tags')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocked_tags_pk', ['user_id', 'tag_id'])
    .execute();
  await db.schema
    .createTable('blocked_creators')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocked_creators_pk', ['user_id', 'pseud_id'])
    .execute();
  await db.schema
    .createTable('blocked_works')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocked_works_pk', ['user_id', 'work_id'])
    .execute();
  await db.schema
    .createTable('blocklist_rules')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('max_tags', 'integer') // hide works with more tags than this; null: no limit
    .addColumn('stale_months', 'integer') // hide works in progress not updated for this many months
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
