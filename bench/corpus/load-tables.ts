/**
 * What a bulk load does to the tables around the rows: indexes nothing reads
 * during the load are dropped and rebuilt once at the end (one sorted build
 * instead of millions of inserts at random places), and the planner's
 * statistics are refreshed. On SQLite, filter taggings wait in a staging
 * table and reach `filter_taggings` in key order at the end (its primary key
 * cannot be dropped). On PostgreSQL the loaded tables' foreign keys and
 * `filter_taggings`' primary key are dropped instead and added back at the
 * end, which checks every row at once: the load still ends with every
 * constraint the schema has, verified.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { dialectOf } from '../../src/db/schema-helpers.ts';

const STAGING = 'load_filter_taggings';

/** Listing sorts, tag-to-works, name lookups, the (work, tag) facet index, and PostgreSQL's full-text indexes. */
const DEFERRED_INDEXES = [
  'works_listing', 'works_sort_posted', 'works_sort_updated', 'works_sort_words', 'works_sort_hits',
  'works_sort_kudos', 'works_sort_comments', 'works_sort_bookmarks', 'works_language', 'taggings_tag',
  'tags_kind', 'tags_created', 'tags_synonym_of', 'work_search_title', 'work_search_creator',
  'search_changes_changed', 'creatorships_pseud', 'creatorships_work', 'pseuds_name', 'pseuds_user',
  'chapters_work', 'filter_taggings_work_tag', 'meta_taggings_sub', 'tag_parents_child',
  'work_search_title_tsv', 'work_search_creators_tsv', 'work_search_tags_tsv', 'work_search_summary_tsv',
  'work_search_body_tsv', 'work_search_all_tsv',
]; // prettier-ignore

/** Tables the loader writes whose foreign keys PostgreSQL checks row by row. */
const LOADED_TABLES = [
  'users', 'pseuds', 'tags', 'meta_taggings', 'tag_parents', 'works', 'creatorships', 'chapters', 'taggings',
  'filter_taggings', 'work_search',
]; // prettier-ignore

export interface PreparedLoad {
  /** Where the loader writes filter taggings. */
  filterTaggings: string;
  finish(onStep?: (step: string) => void): Promise<void>;
}

export async function prepareLoad(db: Db): Promise<PreparedLoad> {
  const dialect = dialectOf(db);
  if (dialect === 'sqlite') {
    // A bulk load may lose its last batch on a crash (it is rerun from scratch), and a big page cache
    // keeps the growing indexes in memory instead of re-reading them from the OS for every batch.
    await sql`pragma synchronous = off`.execute(db);
    await sql`pragma cache_size = -1048576`.execute(db);
  }
  const { rows: deferred } =
    dialect === 'sqlite'
      ? await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
          where type = 'index' and name in (${sql.join(DEFERRED_INDEXES)})`.execute(db)
      : await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
          where schemaname = current_schema() and indexname in (${sql.join(DEFERRED_INDEXES)})`.execute(db);
  for (const { name } of deferred) await sql`drop index ${sql.id(name)}`.execute(db);
  if (dialect === 'postgres') {
    const constraints = await deferConstraints(db);
    return {
      filterTaggings: 'filter_taggings',
      finish: (onStep = () => {}) =>
        // One connection, so the memory setting holds for every index build.
        db.connection().execute(async (conn) => {
          await sql`set maintenance_work_mem = '512MB'`.execute(conn);
          for (const { name, definition } of deferred) {
            onStep(`index ${name}`);
            await sql.raw(definition).execute(conn);
          }
          for (const { table, name, definition } of constraints) {
            onStep(`constraint ${name}`);
            await sql`alter table ${sql.id(table)} add constraint ${sql.id(name)} ${sql.raw(definition)}`.execute(conn);
          }
          await finishLoad(conn, onStep);
        }),
    };
  }
  await sql`drop table if exists ${sql.id(STAGING)}`.execute(db);
  // No key: rows are appended in load order, and sorted once at the end.
  await sql`create table ${sql.id(STAGING)}
    (work_id integer not null, tag_id integer not null, is_inherited integer not null)`.execute(db);

  return {
    filterTaggings: STAGING,
    async finish(onStep = () => {}) {
      onStep('filter taggings in key order');
      await sql`insert into filter_taggings (tag_id, work_id, is_inherited)
        select tag_id, work_id, is_inherited from ${sql.id(STAGING)} order by tag_id, work_id`.execute(db);
      await sql`drop table ${sql.id(STAGING)}`.execute(db);
      for (const { name, definition } of deferred) {
        onStep(`index ${name}`);
        await sql.raw(definition).execute(db);
      }
      await finishLoad(db, onStep);
    },
  };
}

/** PostgreSQL: drops the loaded tables' foreign keys and filter_taggings' key; returns them to add back. */
async function deferConstraints(db: Db) {
  const { rows } = await sql<{ table: string; name: string; definition: string }>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where connamespace = current_schema()::regnamespace and conrelid::regclass::text in (${sql.join(LOADED_TABLES)})
      and (contype = 'f' or conname = 'filter_taggings_pk')
    order by contype desc`.execute(db); // the primary key ('p') before the foreign keys ('f') that might use it
  for (const { table, name } of rows)
    await sql`alter table ${sql.id(table)} drop constraint ${sql.id(name)}`.execute(db);
  return rows;
}

async function finishLoad(db: Db, onStep: (step: string) => void): Promise<void> {
  onStep('statistics');
  if (dialectOf(db) === 'postgres') {
    // The loader chose the ids itself; move the sequences past them.
    for (const table of ['users', 'pseuds', 'tags', 'works', 'chapters', 'creatorships']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
        db,
      );
    }
  }
  await sql`analyze`.execute(db);
  if (dialectOf(db) === 'sqlite') await sql`pragma synchronous = normal`.execute(db);
}
