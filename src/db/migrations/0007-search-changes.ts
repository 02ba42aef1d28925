/**
 * The search change log: one row per change to a work that listings filter
 * or sort on, in commit order. Each server process keeps an in-memory index
 * of works (src/search/memory) and reads the rows after the last one it saw
 * before answering a listing, so every process — several behind one
 * PostgreSQL, or the CLI beside the server — sees every committed change.
 * The indexer writes a row whenever it re-indexes a work; triggers add rows
 * for direct changes to `works` (kudos and hit counts, a moderator hiding a
 * work) and for deletions.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await withId(db.schema.createTable('search_changes'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull()) // no foreign key: deletions are logged too
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_changes_changed').on('search_changes').column('changed_at').execute();

  if (d === 'sqlite') {
    const now = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
    await sql`create trigger works_search_update after update on works begin
      insert into search_changes (work_id, changed_at) values (new.id, ${now});
    end`.execute(db);
    await sql`create trigger works_search_delete after delete on works begin
      insert into search_changes (work_id, changed_at) values (old.id, ${now});
    end`.execute(db);
    return;
  }
  await sql`create function log_search_change() returns trigger language plpgsql as $$
    begin
      insert into search_changes (work_id, changed_at)
        values (case when tg_op = 'DELETE' then old.id else new.id end,
                to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
      return null;
    end $$`.execute(db);
  await sql`create trigger works_search_change after update or delete on works
    for each row execute function log_search_change()`.execute(db);
}
