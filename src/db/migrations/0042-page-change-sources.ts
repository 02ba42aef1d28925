/**
 * Everything else a guest's work page, chapter page or listing shows, logged
 * into the page change log (migration 0040) so the guest page cache
 * (src/pagecache) drops those pages at once, in every process:
 *
 * - creatorships (co-creators added, removed, accepted), gifts, related works
 *   (both the child's page and the parent's "inspired by this" list), kudos
 *   rows changed or removed (a giver's account gone): the work's own pages;
 * - series retitled or removed, a work added to, moved in or taken out of a
 *   series: every work of that series (their previous/next links);
 * - a work's title or visibility changing: the pages of its series
 *   neighbours and related works, which link it by title;
 * - a tag renamed, re-kinded or wrangled (canonical, synonym, parents, meta
 *   tags): the works tagged with it, and every listing (work id 0);
 * - a pseud or username renamed or removed: every page (work id -1), since a
 *   name shows on creators', recipients', commenters' and kudos givers' pages
 *   alike, and renames are rare.
 *
 * Work id 0 means "every listing", -1 "every page"; the cache reads both.
 * Also an index `kudos (work_id, id)`: the kudos names line reads a work's
 * newest kudos first, which the (work_id, user_id) index could not order.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, type Dialect } from '../schema-helpers.ts';

/** Where the works a row touches come from: `[column, from-clause]`; no from-clause for one value (null skipped). */
type Source = [string, string?];
/** The sources for a row (`r` is `new` or `old`). */
type Body = (r: 'new' | 'old') => Source[];

/** A table whose changes drop cached pages: on which events (and, for updates, which columns), and whose pages. */
export interface PageSource {
  table: string;
  columns?: string[];
  events?: Array<'insert' | 'update' | 'delete'>;
  body: Body;
}

export const ALL_PAGES = '-1';
export const LISTINGS = '0';
export const own =
  (column: string): Body =>
  (r) => [[`${r}.${column}`]];

const WATCHED: PageSource[] = [
  { table: 'creatorships', body: own('work_id') },
  { table: 'gifts', body: own('work_id') },
  { table: 'related_works', body: (r) => [[`${r}.work_id`], [`${r}.parent_work_id`]] },
  { table: 'kudos', events: ['update', 'delete'], body: own('work_id') },
  {
    table: 'series',
    events: ['update', 'delete'],
    body: (r) => [['work_id', `from series_works where series_id = ${r}.id`]],
  },
  {
    table: 'series_works',
    body: (r) => [[`${r}.work_id`], ['work_id', `from series_works where series_id = ${r}.series_id`]],
  },
  {
    table: 'works',
    events: ['update'],
    columns: ['title', 'status', 'is_hidden', 'is_restricted', 'is_anonymous', 'is_unrevealed', 'deleted_at'],
    body: (r) =>
      r === 'old'
        ? []
        : [
            ['parent_work_id', 'from related_works where work_id = new.id and parent_work_id is not null'],
            ['work_id', 'from related_works where parent_work_id = new.id'],
            [
              'n.work_id',
              'from series_works s join series_works n on n.series_id = s.series_id where s.work_id = new.id',
            ],
          ],
  },
  {
    table: 'tags',
    events: ['update', 'delete'],
    columns: ['name', 'kind', 'is_canonical', 'is_unwrangleable', 'synonym_of_id'],
    body: (r) => [[LISTINGS], ['work_id', `from taggings where tag_id = ${r}.id`]],
  },
  { table: 'taggings', body: (r) => [[`${r}.work_id`], [LISTINGS]] },
  { table: 'meta_taggings', body: () => [[LISTINGS]] },
  { table: 'tag_parents', body: () => [[LISTINGS]] },
  { table: 'pseuds', events: ['update', 'delete'], columns: ['name'], body: () => [[ALL_PAGES]] },
  { table: 'users', events: ['update', 'delete'], columns: ['username'], body: () => [[ALL_PAGES]] },
];

function statements(sources: Source[], now: string): string {
  return sources
    .map(
      ([column, from]) =>
        `insert into page_changes (work_id, changed_at) select ${column}, ${now} ${from ?? `where ${column} is not null`};`,
    )
    .join(' ');
}

const NOW: Record<Dialect, string> = {
  sqlite: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  postgres: `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await createPageSourceTriggers(db, WATCHED);
  await db.schema.createIndex('kudos_work_id').on('kudos').columns(['work_id', 'id']).execute();
}

/** The triggers that log these tables' changes into the page change log, on either dialect (later migrations too). */
export async function createPageSourceTriggers(db: Kysely<any>, watched: readonly PageSource[]): Promise<void> {
  const d = dialectOf(db);
  const now = NOW[d];
  for (const { table, columns, events = ['insert', 'update', 'delete'], body } of watched) {
    const name = `${table}_page_source`;
    if (d === 'sqlite') {
      for (const event of events) {
        const on = event === 'update' && columns ? `update of ${columns.join(', ')}` : event;
        const sources =
          event === 'insert' ? body('new') : event === 'delete' ? body('old') : [...body('old'), ...body('new')];
        if (!sources.length) continue;
        await sql
          .raw(`create trigger ${name}_${event} after ${on} on ${table} begin ${statements(sources, now)} end`)
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
    const on = events.map((e) => (e === 'update' && columns ? `update of ${columns.join(', ')}` : e)).join(' or ');
    await sql
      .raw(`create trigger ${name} after ${on} on ${table} for each row execute function log_${name}()`)
      .execute(db);
  }
}
