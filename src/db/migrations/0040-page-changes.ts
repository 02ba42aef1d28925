/**
 * The page change log: one row per change to what a work's pages show that
 * leaves the `works` row alone — a comment posted, edited, hidden, approved
 * or deleted, a chapter's text edited — so every process's guest page cache
 * (src/pagecache) drops that work's pages. Changes to `works` itself (its
 * fields, tags re-indexed, counts, visibility) are in `search_changes`
 * already, which the cache reads too. Pruned after a day, like that log.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

const WATCHED = ['comments', 'chapters'];

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await withId(db.schema.createTable('page_changes'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull()) // no foreign key: a deleted work's pages go too
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_changes_changed').on('page_changes').column('changed_at').execute();

  if (d === 'sqlite') {
    const now = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
    for (const table of WATCHED) {
      const t = sql.raw(table);
      await sql`create trigger ${sql.raw(`${table}_page_insert`)} after insert on ${t} begin
        insert into page_changes (work_id, changed_at) values (new.work_id, ${now});
      end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_page_update`)} after update on ${t} begin
        insert into page_changes (work_id, changed_at) values (new.work_id, ${now});
      end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_page_delete`)} after delete on ${t} begin
        insert into page_changes (work_id, changed_at) values (old.work_id, ${now});
      end`.execute(db);
    }
    return;
  }
  await sql`create function log_page_change() returns trigger language plpgsql as $$
    begin
      insert into page_changes (work_id, changed_at)
        values (case when tg_op = 'DELETE' then old.work_id else new.work_id end,
                to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
      return null;
    end $$`.execute(db);
  for (const table of WATCHED) {
    await sql`create trigger ${sql.raw(`${table}_page_change`)} after insert or update or delete on ${sql.raw(table)}
      for each row execute function log_page_change()`.execute(db);
  }
}
