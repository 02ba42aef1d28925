/**
 * `is_held` (migration 0047) joins the fact columns whose change the search change log records: a work
 * held for review, or released, now reaches every process's in-memory index through the log, like any
 * other listing fact, instead of relying on the hold and release commands to re-index it themselves.
 * `hold_reason` stays out: no listing reads it.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

/** Migration 0012's fact columns. */
const FACT_COLUMNS = [
  'title', 'summary', 'notes', 'end_notes', 'rating', 'language_id', 'status', 'expected_chapters',
  'posted_chapters', 'word_count', 'is_complete', 'is_restricted', 'is_hidden', 'is_anonymous', 'is_unrevealed',
  'comment_permission', 'moderated_comments', 'published_on', 'updated_on', 'completed_on', 'source_ref',
  'imported_by_id', 'created_at', 'revised_at', 'deleted_at',
]; // prettier-ignore

async function logChangesOf(db: Kysely<any>, columns: string[]): Promise<void> {
  const facts = sql.raw(columns.join(', '));
  if (dialectOf(db) === 'sqlite') {
    const now = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
    await sql`drop trigger works_search_update`.execute(db);
    await sql`create trigger works_search_update after update of ${facts} on works begin
      insert into search_changes (work_id, changed_at) values (new.id, ${now});
    end`.execute(db);
    return;
  }
  await sql`drop trigger works_search_update on works`.execute(db);
  await sql`create trigger works_search_update after update of ${facts} on works
    for each row execute function log_search_change()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await logChangesOf(db, [...FACT_COLUMNS, 'is_held']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await logChangesOf(db, FACT_COLUMNS);
}
