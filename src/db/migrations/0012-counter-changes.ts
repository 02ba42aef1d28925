/**
 * Counters apart from facts in the search change log. Kudos, comments,
 * bookmarks and hits change far more often than anything else about a work,
 * and until now every update of `works` logged a change that made each
 * process's in-memory index re-read the work's facts and filter tags and
 * take it out of its prebuilt sort orders. Now an update logs a fact change
 * only when it sets a column other than the counters (the index reads the
 * work again), and a counter change — marked `counters_only` — only when a
 * counter's value moved (the index re-reads the four counters and nothing
 * else). `downloads_count`, which no listing reads, logs nothing.
 *
 * The fact columns are every column of `works` but its id and the counters,
 * as of this migration: a migration that adds a column a listing reads must
 * add it to the trigger too (src/search/memory/counters.test.ts checks).
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

const FACT_COLUMNS = [
  'title', 'summary', 'notes', 'end_notes', 'rating', 'language_id', 'status', 'expected_chapters',
  'posted_chapters', 'word_count', 'is_complete', 'is_restricted', 'is_hidden', 'is_anonymous', 'is_unrevealed',
  'comment_permission', 'moderated_comments', 'published_on', 'updated_on', 'completed_on', 'source_ref',
  'imported_by_id', 'created_at', 'revised_at', 'deleted_at',
]; // prettier-ignore
const COUNTER_COLUMNS = ['hits', 'kudos_count', 'comments_count', 'bookmarks_count'];

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .alterTable('search_changes')
    .addColumn('counters_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const facts = sql.raw(FACT_COLUMNS.join(', '));
  const counters = sql.raw(COUNTER_COLUMNS.join(', '));
  const distinct = d === 'sqlite' ? 'is not' : 'is distinct from';
  const moved = sql.raw(COUNTER_COLUMNS.map((c) => `old.${c} ${distinct} new.${c}`).join(' or '));

  if (d === 'sqlite') {
    const now = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
    await sql`drop trigger works_search_update`.execute(db);
    await sql`create trigger works_search_update after update of ${facts} on works begin
      insert into search_changes (work_id, changed_at) values (new.id, ${now});
    end`.execute(db);
    await sql`create trigger works_counter_update after update of ${counters} on works when ${moved} begin
      insert into search_changes (work_id, changed_at, counters_only) values (new.id, ${now}, 1);
    end`.execute(db);
    return;
  }
  await sql`drop trigger works_search_change on works`.execute(db);
  await sql`create trigger works_search_update after update of ${facts} on works
    for each row execute function log_search_change()`.execute(db);
  await sql`create trigger works_search_delete after delete on works
    for each row execute function log_search_change()`.execute(db);
  await sql`create function log_counter_change() returns trigger language plpgsql as $$
    begin
      insert into search_changes (work_id, changed_at, counters_only)
        values (new.id, to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 1);
      return null;
    end $$`.execute(db);
  await sql`create trigger works_counter_update after update of ${counters} on works
    for each row when (${moved}) execute function log_counter_change()`.execute(db);
}
