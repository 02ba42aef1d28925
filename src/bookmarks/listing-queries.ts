/**
 * The bookmark listings' SQL: one set of conditions (who may see the item,
 * the listing's scope, the filters, the reader's mutes and blocklist) serves
 * the page, the total and the facet counts, so they always describe the same
 * bookmarks — as the work listings do (src/search/plan-queries.ts).
 *
 * An item's tags and ratings: a work's filter tags and rating; a series' the
 * filter tags and ratings of the works in it that the audience may see; an
 * external work's own tags (or a synonym of them) and rating. The item's date
 * is the work's updated (or published) date, a series' or external work's
 * date of creation.
 *
 * Shaped for the planners of both databases (issue 11's bench): the bookmarked
 * work is left-joined once and its rating and states read in place; the page
 * filters in place, so it walks an index newest first and stops at the page
 * (migration 0062's indexes lead with two equalities, which SQLite picks
 * without statistics); the counts are one statement over the matching
 * bookmarks found once, joined outwards from them (cross joins fix SQLite's
 * order; PostgreSQL plans them as the inner joins they are). The facets still
 * count every matching bookmark: exact, but an unfiltered `/bookmarks` over
 * 200,000 bookmarks takes seconds (docs/PERFORMANCE.md).
 */
import { conditions, FIXED_KINDS, type BookmarkListingAsk, type Eb } from './listing-condition-queries.ts';

// The types a listing is asked in, with the rest of its SQL, for the pages, the API and the bench.
export {
  NO_FILTERS,
  type BookmarkFilters,
  type BookmarkListingAsk,
  type BookmarkScope,
  type BookmarkSort,
} from './listing-condition-queries.ts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { listedBookmarkItemsJoined, listedSeries, listedWorks, type WorkAudience } from '../visibility/index.ts';

export const BOOKMARKS_PER_PAGE = 20;
const FACET_SIZE = 12;
/** Tag kinds the item-tag facet leaves out (the rating facet stands for ratings). */
export interface BookmarkRow {
  id: number;
  work_id: number | null;
  series_id: number | null;
  external_work_id: number | null;
  user_id: number;
  notes: string;
  is_rec: number;
  is_private: number;
  created_at: string;
  /** A moderator hid the bookmark (only its owner and staff see it, with the reason). */
  bookmark_hidden: number;
  bookmark_hidden_reason: string | null;
  pseud_name: string;
  username: string;
  /** The item's title: only shown when `is_item_listed` (or to the work's creators on their own pages). */
  title: string;
  deleted_at: string | null;
  /** Whether this audience may see the item (src/visibility). */
  is_item_listed: number;
  item_date: string | null;
}

/** The item's date, as the "date of the item" sort reads it. */
const itemDate = sql<
  string | null
>`coalesce(w.updated_on, w.published_on, substr(s.created_at, 1, 10), substr(x.created_at, 1, 10))`;

/** One page of the listing, in its order. */
export async function listBookmarks(db: Db, ask: BookmarkListingAsk): Promise<BookmarkRow[]> {
  const { filters, audience } = ask;
  let query = db
    .selectFrom('bookmarks as b')
    .leftJoin('works as w', 'w.id', 'b.work_id')
    .leftJoin('series as s', 's.id', 'b.series_id')
    .leftJoin('external_works as x', 'x.id', 'b.external_work_id')
    .innerJoin('pseuds as p', 'p.id', 'b.pseud_id')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select((eb) => [
      'b.id',
      'b.work_id',
      'b.series_id',
      'b.external_work_id',
      'b.user_id',
      'b.notes',
      'b.is_rec',
      'b.is_private',
      'b.created_at',
      'b.is_hidden as bookmark_hidden',
      'b.hidden_reason as bookmark_hidden_reason',
      'p.name as pseud_name',
      'u.username',
      sql<string>`coalesce(w.title, s.title, x.title, '')`.as('title'),
      'w.deleted_at',
      eb
        .case()
        .when(listedBookmarkItemsJoined(eb, audience, 'b', 'w'))
        .then(1)
        .else(0)
        .end()
        .as('is_item_listed'),
      itemDate.as('item_date'),
    ])
    .where((eb) => conditions(eb as unknown as Eb, ask));
  query =
    filters.sort === 'item-date'
      ? query.orderBy(
          sql`coalesce(w.updated_on, w.published_on, substr(s.created_at, 1, 10), substr(x.created_at, 1, 10))`,
          'desc',
        )
      : query;
  return (await query
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(BOOKMARKS_PER_PAGE)
    .offset((filters.page - 1) * BOOKMARKS_PER_PAGE)
    .execute()) as BookmarkRow[];
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface BookmarkFacets {
  total: number;
  ratings: FacetCount[];
  itemTags: FacetCount[];
  bookmarkerTags: FacetCount[];
  rec: number;
  withNotes: number;
}

const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.label.localeCompare(b.label);

/**
 * The total and the sidebar's counts within the whole result, in one statement: the matching bookmarks are
 * found once (a materialized `matched` table) and every count reads them.
 */
export async function countBookmarkFacets(db: Db, ask: BookmarkListingAsk): Promise<BookmarkFacets> {
  const { audience } = ask;
  const rows = await db
    .with(
      (cte) => cte('matched').materialized(),
      (q) =>
        q
          .selectFrom('bookmarks as b')
          .leftJoin('works as w', 'w.id', 'b.work_id')
          .select((eb) => [
            'b.id',
            'b.work_id',
            'b.series_id',
            'b.external_work_id',
            'b.is_rec',
            eb.case().when('b.notes', '!=', '').then(1).else(0).end().as('has_notes'),
            'w.rating as work_rating',
          ])
          .where((eb) => conditions(eb as unknown as Eb, ask)),
    )
    .with('rating_pairs', (q) =>
      q
        .selectFrom('matched as m')
        .where('m.work_id', 'is not', null)
        .select((eb) => ['m.id', eb.fn.coalesce('m.work_rating', sql.lit('')).as('value')])
        .unionAll((eb) =>
          eb
            .selectFrom('matched as m')
            .crossJoin('series_works as sw')
            .crossJoin('works as w')
            .whereRef('sw.series_id', '=', 'm.series_id')
            .whereRef('w.id', '=', 'sw.work_id')
            .where((inner) => listedWorks(inner, audience, 'w'))
            .select(['m.id', 'w.rating as value'])
            .distinct(),
        )
        .unionAll((eb) =>
          eb
            .selectFrom('matched as m')
            .crossJoin('external_works as x')
            .whereRef('x.id', '=', 'm.external_work_id')
            .select(['m.id', 'x.rating as value']),
        ),
    )
    .with('tag_pairs', (q) =>
      q
        .selectFrom('matched as m')
        .crossJoin('filter_taggings as ft')
        .whereRef('ft.work_id', '=', 'm.work_id')
        .select(['m.id', 'ft.tag_id'])
        .unionAll((eb) =>
          eb
            .selectFrom('matched as m')
            .crossJoin('series_works as sw')
            .crossJoin('works as w')
            .crossJoin('filter_taggings as ft')
            .whereRef('sw.series_id', '=', 'm.series_id')
            .whereRef('w.id', '=', 'sw.work_id')
            .whereRef('ft.work_id', '=', 'sw.work_id')
            .where((inner) => listedWorks(inner, audience, 'w'))
            .select(['m.id', 'ft.tag_id'])
            .distinct(),
        )
        .unionAll((eb) =>
          eb
            .selectFrom('matched as m')
            .crossJoin('external_work_tags as xt')
            .crossJoin('tags as t')
            .whereRef('xt.external_work_id', '=', 'm.external_work_id')
            .whereRef('t.id', '=', 'xt.tag_id')
            .select((inner) => ['m.id', inner.fn.coalesce('t.synonym_of_id', 't.id').as('tag_id')])
            .distinct(),
        ),
    )
    // Ratings, warnings and categories are on nearly every work and never in this facet: left out before counting.
    .with(
      (cte) => cte('counted_tags').materialized(),
      (q) =>
        q
          .selectFrom('tag_pairs as tp')
          .where('tp.tag_id', 'not in', (eb) =>
            eb
              .selectFrom('tags as fixed')
              .select('fixed.id')
              .where('fixed.kind', 'in', [...FIXED_KINDS]),
          )
          .groupBy('tp.tag_id')
          .select((eb) => ['tp.tag_id', eb.fn.countAll<number>().as('n')]),
    )
    .selectFrom('matched as m')
    .select((eb) => [
      sql.lit('total').as('facet'),
      sql.lit('').as('value'),
      sql.lit('').as('label'),
      eb.fn.countAll<number>().as('n'),
    ])
    .unionAll((eb) =>
      eb
        .selectFrom('matched as m')
        .where('m.is_rec', '=', 1)
        .select((inner) => [
          sql.lit('rec').as('facet'),
          sql.lit('').as('value'),
          sql.lit('').as('label'),
          inner.fn.countAll<number>().as('n'),
        ]),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('matched as m')
        .where('m.has_notes', '=', 1)
        .select((inner) => [
          sql.lit('notes').as('facet'),
          sql.lit('').as('value'),
          sql.lit('').as('label'),
          inner.fn.countAll<number>().as('n'),
        ]),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('rating_pairs as rp')
        .groupBy('rp.value')
        .select((inner) => [
          sql.lit('rating').as('facet'),
          'rp.value',
          'rp.value as label',
          inner.fn.countAll<number>().as('n'),
        ]),
    )
    // Only the tags counted at least as often as the FACET_SIZE-th (ties included) can be shown, so only they
    // are looked up for their names (a cross join keeps SQLite from starting at the tags; PostgreSQL plans it
    // as the inner join it is).
    .unionAll((eb) =>
      eb
        .selectFrom(
          eb
            .selectFrom('counted_tags as counted')
            .crossJoin('tags as tg')
            .whereRef('tg.id', '=', 'counted.tag_id')
            .where(
              'counted.n',
              '>=',
              eb.fn.coalesce(
                eb
                  .selectFrom('counted_tags as nth')
                  .select('nth.n')
                  .orderBy('nth.n', 'desc')
                  .limit(1)
                  .offset(FACET_SIZE - 1),
                sql.lit(0),
              ),
            )
            .select([
              sql.lit('tag').as('facet'),
              sql<string>`cast(${sql.ref('tg.id')} as text)`.as('value'),
              'tg.name as label',
              'counted.n',
            ])
            .orderBy('counted.n', 'desc')
            .orderBy('tg.name')
            .limit(FACET_SIZE)
            .as('top_tags'),
        )
        .selectAll(),
    )
    .unionAll((eb) =>
      eb
        .selectFrom(
          eb
            .selectFrom('matched as m')
            .crossJoin('bookmark_tags as bt')
            .whereRef('bt.bookmark_id', '=', 'm.id')
            .groupBy('bt.name')
            .select((inner) => [
              sql.lit('own').as('facet'),
              'bt.name as value',
              'bt.name as label',
              inner.fn.countAll<number>().as('n'),
            ])
            .orderBy('n', 'desc')
            .orderBy('bt.name')
            .limit(FACET_SIZE)
            .as('top_own'),
        )
        .selectAll(),
    )
    .execute();
  const of = (facet: string) =>
    rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ value: String(r.value), label: String(r.label), count: Number(r.n) }))
      .sort(byCount);
  const single = (facet: string) => of(facet)[0]?.count ?? 0;
  return {
    total: single('total'),
    rec: single('rec'),
    withNotes: single('notes'),
    ratings: of('rating'),
    itemTags: of('tag'),
    bookmarkerTags: of('own'),
  };
}

/** A series' title and whether this audience may see it (at least one of its works listed for them). */
export async function findListedSeriesTitle(
  db: Db,
  seriesId: number,
  audience: WorkAudience,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('series as s')
    .select('s.title')
    .where('s.id', '=', seriesId)
    .where((eb) => listedSeries(eb, audience, 's.id'))
    .executeTakeFirst();
  return row?.title;
}
