/**
 * What a guest's work page shows of collections, and a held work, logged
 * into the page change log (migration 0040) so the guest page cache
 * (src/pagecache), now on by default, drops those pages in every process:
 *
 * - collection_items (a work submitted, approved, rejected, removed, invited,
 *   answered): the work's own pages (its "Collections:" line) and every
 *   listing (work id 0), since a collection's works are listed by it;
 * - a collection renamed, retitled, made anonymous or unrevealed, revealed,
 *   or deleted: every work in it (the "Collections:" line, and the Mystery
 *   Work page names the collection), and every listing;
 * - a work held for review or released (`works.is_held`, migration 0047,
 *   which the search change log's trigger does not watch): its pages.
 *
 * Collections came after migration 0042, which logged the other sources.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, type Dialect } from '../schema-helpers.ts';

/** Where the works a row touches come from: `[column, from-clause]`; no from-clause for one value. */
type Source = [string, string?];

const LISTINGS = '0';

const WATCHED: Array<{
  table: string;
  columns?: string[];
  events: Array<'insert' | 'update' | 'delete'>;
  body: (r: 'new' | 'old') => Source[];
}> = [
  {
    table: 'collection_items',
    events: ['insert', 'update', 'delete'],
    body: (r) => [[`${r}.work_id`], [LISTINGS]],
  },
  {
    table: 'collections',
    events: ['update', 'delete'],
    columns: ['name', 'title', 'is_anonymous', 'is_unrevealed'],
    body: (r) => [[LISTINGS], ['work_id', `from collection_items where collection_id = ${r}.id`]],
  },
  { table: 'works', events: ['update'], columns: ['is_held'], body: (r) => (r === 'new' ? [['new.id']] : []) },
];

const NOW: Record<Dialect, string> = {
  sqlite: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  postgres: `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

function statements(sources: Source[], now: string): string {
  return sources
    .map(
      ([column, from]) =>
        `insert into page_changes (work_id, changed_at) select ${column}, ${now} ${from ?? `where ${column} is not null`};`,
    )
    .join(' ');
}

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  const now = NOW[d];
  for (const { table, columns, events, body } of WATCHED) {
    const name = `${table}_page_collection`;
    const on = (event: string) => (event === 'update' && columns ? `update of ${columns.join(', ')}` : event);
    if (d === 'sqlite') {
      for (const event of events) {
        const sources =
          event === 'insert' ? body('new') : event === 'delete' ? body('old') : [...body('old'), ...body('new')];
        await sql
          .raw(`create trigger ${name}_${event} after ${on(event)} on ${table} begin ${statements(sources, now)} end`)
          .execute(db);
      }
      continue;
    }
    const oldPart = events.some((e) => e !== 'insert')
      ? `if tg_op <> 'INSERT' then ${statements(body('old'), now) || 'null;'} end if;`
      : '';
    const newPart = events.some((e) => e !== 'delete')
      ? `if tg_op <> 'DELETE' then ${statements(body('new'), now) || 'null;'} end if;`
      : '';
    await sql
      .raw(
        `create function log_${name}() returns trigger language plpgsql as $$
          begin ${oldPart} ${newPart} return null; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${name} after ${events.map(on).join(' or ')} on ${table} for each row execute function log_${name}()`,
      )
      .execute(db);
  }
}
