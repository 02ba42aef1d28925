/**
 * A pseud's icon shows beside its name on comments (on work and chapter
 * pages) and on its works' listing, so changing or removing it drops the
 * guest page cache's pages the way a rename does (migration 0042: every
 * page, work id -1; icon changes are as rare as renames). The pseuds trigger
 * is made again watching `icon_file` and `icon_alt` beside `name`.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

async function watch(db: Kysely<any>, columns: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql.raw('drop trigger if exists pseuds_page_source_update').execute(db);
    await sql
      .raw(
        `create trigger pseuds_page_source_update after update of ${columns} on pseuds begin ` +
          `insert into page_changes (work_id, changed_at) select -1, ${SQLITE_NOW} where -1 is not null; end`,
      )
      .execute(db);
    return;
  }
  // The function migration 0042 made logs every page for any row; only the trigger's columns change.
  await sql.raw('drop trigger if exists pseuds_page_source on pseuds').execute(db);
  await sql
    .raw(
      `create trigger pseuds_page_source after update of ${columns} or delete on pseuds ` +
        'for each row execute function log_pseuds_page_source()',
    )
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await watch(db, 'name, icon_file, icon_alt');
}

export async function down(db: Kysely<any>): Promise<void> {
  await watch(db, 'name');
}
