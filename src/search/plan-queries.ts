/**
 * Builds and runs a listing's queries from a search plan: the ids of one
 * page in order, the exact count, and the sidebar's facet counts (per tag
 * kind, the most used filter tags within the whole result). One set of
 * conditions serves all three, so the count, the page and the facets always
 * describe the same works. Which works the viewer may see at all is the
 * visibility module's predicate (src/visibility).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import type { WorkSearchTable } from '../indexing/indexing.table.ts';
import type { WorksTable } from '../works/works.table.ts';
import { dialectOf } from '../db/schema-helpers.ts';
import { PAGE_SIZE, type RangeField, type SortKey } from './filters.ts';
import { relevanceJoin, relevanceRank, textConditions } from './fts-queries.ts';
import type { Blocklist, SearchPlan } from './plan.ts';
import { hasTag } from './scopes/queries.ts';
import { scopeSorting, scopesIn } from './scopes/registry.ts';
import type { ListingEb } from './scopes/scope.ts';
import { listedWorks, showsCreators } from '../visibility/index.ts';

type Eb = ListingEb;

const RANGE_COLUMNS: Record<RangeField, keyof WorksTable> = {
  words: 'word_count',
  kudos: 'kudos_count',
  chapters: 'posted_chapters',
  hits: 'hits',
  comments: 'comments_count',
  bookmarks: 'bookmarks_count',
};

type ColumnSort = Exclude<SortKey, 'relevance' | 'kudos_given' | 'reading_date'>;

const SORT_COLUMNS: Record<ColumnSort, `w.${keyof WorksTable}` | `ws.${keyof WorkSearchTable}`> = {
  creator: 'ws.creator_sort',
  title: 'ws.title_sort',
  posted: 'w.published_on',
  updated: 'w.updated_on',
  words: 'w.word_count',
  hits: 'w.hits',
  kudos: 'w.kudos_count',
  comments: 'w.comments_count',
  bookmarks: 'w.bookmarks_count',
};

/** Filter tag kinds the sidebar offers, in its order. */
export const FACET_KINDS: readonly TagKind[] = [
  'rating',
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
];
export const FACET_SIZE = 10;

function conditions(eb: Eb, plan: SearchPlan, dialect: 'sqlite' | 'postgres', rankedJoin: boolean) {
  const { scope } = plan;
  const all: Expression<SqlBool>[] = [listedWorks(eb, scope, 'w')];
  for (const applied of scopesIn(scope)) all.push(applied.condition(eb));
  for (const tag of plan.includeTags) all.push(hasTag(eb, tag));
  for (const source of ['filter_tags', 'taggings'] as const) {
    const ids = plan.excludeTags.filter((t) => t.through === source).map((t) => t.tagId);
    if (!ids.length) continue;
    const table = source === 'filter_tags' ? 'filter_taggings' : 'taggings';
    all.push(eb('w.id', 'not in', eb.selectFrom(table).select('work_id').where('tag_id', 'in', ids)));
  }
  if (plan.ratings.length) all.push(eb('w.rating', 'in', plan.ratings));
  if (plan.crossover === 'exclude') all.push(eb('ws.is_crossover', '=', 0));
  if (plan.crossover === 'only') all.push(eb('ws.is_crossover', '=', 1));
  if (plan.complete !== null) all.push(eb('w.is_complete', '=', plan.complete ? 1 : 0));
  if (plan.words.min !== null) all.push(eb('w.word_count', '>=', plan.words.min));
  if (plan.words.max !== null) all.push(eb('w.word_count', '<=', plan.words.max));
  if (plan.updated.min !== null) all.push(eb('w.updated_on', '>=', plan.updated.min));
  if (plan.updated.max !== null) all.push(eb('w.updated_on', '<=', plan.updated.max));
  if (plan.languageId !== null) all.push(eb('w.language_id', '=', plan.languageId));
  for (const range of plan.ranges) all.push(eb(`w.${RANGE_COLUMNS[range.field]}`, range.op, range.value));
  all.push(...textConditions(dialect, plan.text, rankedJoin));
  if (scope.blocklist) all.push(...blocklistConditions(eb, scope.blocklist));
  return eb.and(all);
}

function blocklistConditions(eb: Eb, blocklist: Blocklist): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  for (const source of ['filter_tags', 'taggings'] as const) {
    const ids = blocklist.tags.filter((t) => t.through === source).map((t) => t.tagId);
    if (!ids.length) continue;
    const table = source === 'filter_tags' ? 'filter_taggings' : 'taggings';
    all.push(eb('w.id', 'not in', eb.selectFrom(table).select('work_id').where('tag_id', 'in', ids)));
  }
  if (blocklist.userIds.length) {
    const byBlocked = eb
      .selectFrom('creatorships as c')
      .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
      .select('c.work_id')
      .where('c.is_accepted', '=', 1)
      .where('p.user_id', 'in', blocklist.userIds);
    all.push(eb.or([eb('w.id', 'not in', byBlocked), eb.not(showsCreators(eb, 'w'))]));
  }
  if (blocklist.workIds.length) all.push(eb('w.id', 'not in', blocklist.workIds));
  if (blocklist.maxTags !== null) all.push(eb('ws.tag_count', '<=', blocklist.maxTags));
  if (blocklist.staleBefore !== null) {
    const staleBefore = blocklist.staleBefore;
    all.push(eb.or([eb('w.is_complete', '=', 1), eb('w.updated_on', '>=', staleBefore)]));
  }
  return all;
}

/** The works of the plan (as `w`, with `ws`), unordered. */
function matchingWorks(db: Db, plan: SearchPlan) {
  const dialect = dialectOf(db);
  return db
    .selectFrom('works as w')
    .innerJoin('work_search as ws', 'ws.work_id', 'w.id')
    .where((eb) => conditions(eb, plan, dialect, false));
}

export async function countMatchingWorks(db: Db, plan: SearchPlan): Promise<number> {
  const row = await matchingWorks(db, plan)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids of the plan's page, in order: the sort, then id in the same direction so ties never shuffle. */
export async function findPageIds(db: Db, plan: SearchPlan): Promise<number[]> {
  const dialect = dialectOf(db);
  const offset = (plan.page - 1) * PAGE_SIZE;
  const descending = plan.order === 'desc';
  let query = db.selectFrom('works as w').innerJoin('work_search as ws', 'ws.work_id', 'w.id');
  const ranked = plan.sort === 'relevance';
  if (ranked && dialect === 'sqlite') {
    const join = relevanceJoin(plan.text);
    if (join) {
      const rows = await query
        .innerJoin(join.as('m'), 'm.work_id' as never, 'w.id')
        .where((eb) => conditions(eb, plan, dialect, true))
        .select('w.id')
        // bm25: lower is better, so "desc" (best first) is ascending rank.
        .orderBy(sql`m.rank`, descending ? 'asc' : 'desc')
        .orderBy('w.id', descending ? 'desc' : 'asc')
        .limit(PAGE_SIZE)
        .offset(offset)
        .execute();
      return rows.map((r) => r.id);
    }
  }
  query = query.where((eb) => conditions(eb, plan, dialect, false));
  const rank = ranked && dialect === 'postgres' ? relevanceRank(plan.text) : null;
  let ordered = query.select('w.id');
  const scoped = scopeSorting(plan.scope, plan.sort);
  if (rank) ordered = ordered.orderBy(rank, descending ? 'desc' : 'asc');
  else if (scoped) ordered = ordered.orderBy((eb) => scoped.sort!.value(eb), descending ? 'desc' : 'asc');
  else {
    const column = SORT_COLUMNS[plan.sort in SORT_COLUMNS ? (plan.sort as ColumnSort) : 'updated'];
    const isDate = column === 'w.published_on' || column === 'w.updated_on';
    // Null dates sort as the oldest on both dialects.
    ordered = ordered.orderBy(column, (ob) => {
      const direction = descending ? ob.desc() : ob.asc();
      return isDate ? (descending ? direction.nullsLast() : direction.nullsFirst()) : direction;
    });
  }
  const rows = await ordered
    .orderBy('w.id', descending ? 'desc' : 'asc')
    .limit(PAGE_SIZE)
    .offset(offset)
    .execute();
  return rows.map((r) => r.id);
}

export interface FacetTag {
  tagId: number;
  name: string;
  count: number;
}

export interface FacetGroup {
  kind: TagKind;
  tags: FacetTag[];
  /** More filter tags of this kind occur in the result than are shown. */
  hasMore: boolean;
}

/** Per tag kind, the `size` filter tags most used within the plan's whole result, most used first, then oldest tag. */
export async function countFacets(db: Db, plan: SearchPlan, size = FACET_SIZE): Promise<FacetGroup[]> {
  const ids = matchingWorks(db, plan).select('w.id');
  const grouped = db
    .selectFrom('filter_taggings as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .select((eb) => [
      't.kind',
      'ft.tag_id',
      't.name',
      eb.fn.countAll<number>().as('n'),
      sql<number>`row_number() over (partition by ${sql.ref('t.kind')} order by count(*) desc, ${sql.ref('ft.tag_id')})`.as(
        'place',
      ),
    ])
    .where('ft.work_id', 'in', ids)
    .where('t.kind', 'in', [...FACET_KINDS])
    .groupBy(['t.kind', 'ft.tag_id', 't.name']);
  const rows = await db
    .selectFrom(grouped.as('g'))
    .select(['g.kind', 'g.tag_id', 'g.name', 'g.n', 'g.place'])
    .where('g.place', '<=', size + 1)
    .orderBy('g.kind')
    .orderBy('g.place')
    .execute();
  return FACET_KINDS.map((kind) => {
    const ofKind = rows.filter((r) => r.kind === kind);
    return {
      kind,
      tags: ofKind.slice(0, size).map((r) => ({ tagId: r.tag_id, name: r.name, count: Number(r.n) })),
      hasMore: ofKind.length > size,
    };
  });
}
