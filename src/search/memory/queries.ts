/**
 * SQL of the in-memory work index: reading works' listing facts and filter
 * tags in big ordered batches to build it, the change log to keep it
 * current, and the id lists it cannot hold itself — full-text matches,
 * works of some pseuds, works typed with an unwrangled tag.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { dialectOf } from '../../db/schema-helpers.ts';
import type { TextClause } from '../filters.ts';
import { fts5AnyOf, fts5Match, relevanceRank, textConditions } from '../fts-queries.ts';
import { showsCreators } from '../../visibility/index.ts';

function factsQuery(db: Db) {
  return db
    .selectFrom('works as w')
    .leftJoin('work_search as ws', 'ws.work_id', 'w.id')
    .select([
      'w.id',
      'w.status',
      'w.is_hidden',
      'w.is_held',
      'w.is_restricted',
      'w.is_anonymous',
      'w.is_unrevealed',
      'w.deleted_at',
      'w.is_news',
      'w.is_complete',
      'w.rating',
      'w.language_id',
      'w.word_count',
      'w.posted_chapters',
      'w.hits',
      'w.kudos_count',
      'w.comments_count',
      'w.bookmarks_count',
      'w.updated_on',
      'w.published_on',
      'ws.is_crossover',
      'ws.tag_count',
      'ws.title_sort',
      'ws.creator_sort',
    ]);
}

export type WorkFacts = Awaited<ReturnType<typeof loadWorkFactsFor>>[number];

/** Listing facts of the works with ids in [from, to), in id order. */
export function loadWorkFactsRange(db: Db, from: number, to: number) {
  return factsQuery(db).where('w.id', '>=', from).where('w.id', '<', to).orderBy('w.id').execute();
}

export function loadWorkFactsFor(db: Db, ids: readonly number[]) {
  return factsQuery(db)
    .where('w.id', 'in', [...ids])
    .orderBy('w.id')
    .execute();
}

/** Filter tags of the works with ids in [from, to), as parallel arrays in (work, tag) order. */
/**
 * Filter tags of the works with ids in [from, to), one row per work in id order, the tag ids joined
 * by commas: a row per work rather than per tag keeps a build's garbage (and peak memory) small.
 */
export async function loadFilterTagsRange(db: Db, from: number, to: number) {
  const joined =
    dialectOf(db) === 'sqlite' ? sql<string>`group_concat(tag_id)` : sql<string>`string_agg(tag_id::text, ',')`;
  return db
    .selectFrom('filter_taggings')
    .select(['work_id', joined.as('tags')])
    .where('work_id', '>=', from)
    .where('work_id', '<', to)
    .groupBy('work_id')
    .orderBy('work_id')
    .execute();
}

export async function countFilterTags(db: Db, maxWorkId: number): Promise<number> {
  const row = await db
    .selectFrom('filter_taggings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '<=', maxWorkId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function loadFilterTagsFor(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('filter_taggings')
    .select(['work_id', 'tag_id'])
    .where('work_id', 'in', [...ids])
    .orderBy('work_id')
    .orderBy('tag_id')
    .execute();
}

export async function maxIds(db: Db): Promise<{ work: number; tag: number; change: number }> {
  const [work, tag, change] = await Promise.all([
    db
      .selectFrom('works')
      .select((eb) => eb.fn.max<number>('id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('tags')
      .select((eb) => eb.fn.max<number>('id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('search_changes')
      .select((eb) => eb.fn.max<number>('id').as('n'))
      .executeTakeFirst(),
  ]);
  return { work: Number(work?.n ?? 0), tag: Number(tag?.n ?? 0), change: Number(change?.n ?? 0) };
}

export function loadTagKindsRange(db: Db, from: number, to: number) {
  return db.selectFrom('tags').select(['id', 'kind']).where('id', '>=', from).where('id', '<', to).execute();
}

export function loadTagKindsFor(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('tags')
    .select(['id', 'kind'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Work ids ordered by a sort key of work_search, a page at a time after (key, id). */
export async function loadSortOrderPage(
  db: Db,
  column: 'title_sort' | 'creator_sort',
  after: { key: string; id: number } | null,
  limit: number,
) {
  let query = db.selectFrom('work_search').select(['work_id', column]);
  if (after) query = query.where(sql<boolean>`(${sql.ref(column)}, work_id) > (${after.key}, ${after.id})`);
  const rows = await query.orderBy(column).orderBy('work_id').limit(limit).execute();
  return rows.map((r) => ({ id: r.work_id, key: (r as Record<string, unknown>)[column] as string }));
}

export function loadChanges(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('search_changes')
    .select(['id', 'work_id', 'counters_only'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** These rows of the change log, those committed by now. */
export function loadChangesIn(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('search_changes')
    .select(['id', 'work_id', 'counters_only'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The kudos, comment, bookmark and hit counts of these works (what a counters-only change moves). */
export function loadCountersFor(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('works')
    .select(['id', 'hits', 'kudos_count', 'comments_count', 'bookmarks_count'])
    .where('id', 'in', [...ids])
    .execute();
}

export type WorkCounters = Awaited<ReturnType<typeof loadCountersFor>>[number];

export async function pruneChanges(db: Db, before: string): Promise<void> {
  await db.deleteFrom('search_changes').where('changed_at', '<', before).execute();
}

/** Ids of works typed with a tag (an unwrangled one: the filter tags do not hold it). */
export async function workIdsTypedWith(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('taggings').select('work_id').distinct().where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.work_id);
}

export async function workIdsByPseuds(db: Db, pseudIds: readonly number[]): Promise<number[]> {
  if (!pseudIds.length) return [];
  const rows = await db
    .selectFrom('creatorships')
    .select('work_id')
    .distinct()
    .where('pseud_id', 'in', [...pseudIds])
    .where('is_accepted', '=', 1)
    .execute();
  return rows.map((r) => r.work_id);
}

/** Works the account left kudos on (one kudos per work per account, so no duplicates). */
/** The works one account left kudos on, each with its kudos id (ids grow with time). */
export async function kudosOrderFrom(db: Db, userId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('kudos').select(['work_id', 'id']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.work_id, r.id]));
}

/**
 * Works on one of a member's readings lists — visited (`history`), marked for later (`to-read`) or a status —
 * each with when it got there (the last visit, the mark, the status), as ms since 1970.
 */
export async function readingsOrderOf(db: Db, userId: number, list: string): Promise<Map<number, number>> {
  let query = db
    .selectFrom('readings')
    .select(['work_id', 'visited_at', 'marked_at', 'status_updated_at'])
    .where('user_id', '=', userId);
  if (list === 'history') query = query.where('visited_at', 'is not', null);
  else if (list === 'to-read') query = query.where('is_marked_for_later', '=', 1);
  else query = query.where('status', '=', list as never);
  const rows = await query.execute();
  const when = (r: (typeof rows)[number]) =>
    list === 'history' ? r.visited_at : list === 'to-read' ? r.marked_at : r.status_updated_at;
  return new Map(rows.map((r) => [r.work_id, Date.parse(when(r) ?? '') || 0]));
}

/** Works by these accounts, except anonymous and unrevealed ones (a blocklist must not unmask them). */
export async function namedWorkIdsByUsers(db: Db, userIds: readonly number[]): Promise<number[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('creatorships as c')
    .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .innerJoin('works as w', 'w.id', 'c.work_id')
    .select('c.work_id')
    .distinct()
    .where('c.is_accepted', '=', 1)
    .where('p.user_id', 'in', [...userIds])
    .where((eb) => showsCreators(eb, 'w'))
    .execute();
  return rows.map((r) => r.work_id);
}

export interface TextMatches {
  /** Works the positive clauses match (minus the excluded ones), with their rank; null when no clause must match. */
  ids: number[] | null;
  /** Relevance of each id: lower is better. */
  ranks: number[] | null;
  /** Works an excluded clause matches, when there is no positive clause to subtract them from. */
  excluded: number[] | null;
}

/** Full-text matches of the clauses, from FTS5 or the tsvector columns. */
export async function findTextMatches(db: Db, clauses: readonly TextClause[], withRank: boolean): Promise<TextMatches> {
  const positive = clauses.some((c) => !c.isExcluded);
  if (dialectOf(db) === 'sqlite') {
    const match = fts5Match(clauses);
    if (match) {
      const rank = withRank ? sql`bm25(work_text, 10.0, 4.0, 3.0, 2.0, 1.0)` : sql`0`;
      const { rows } = await sql<{ id: number; rank: number }>`select rowid as id, ${rank} as rank from work_text
        where work_text match ${match}`.execute(db);
      return { ids: rows.map((r) => r.id), ranks: withRank ? rows.map((r) => r.rank) : null, excluded: null };
    }
    const { rows } = await sql<{ id: number }>`select rowid as id from work_text
      where work_text match ${fts5AnyOf(clauses)}`.execute(db);
    return { ids: null, ranks: null, excluded: rows.map((r) => r.id) };
  }
  if (positive) {
    const rank = withRank ? relevanceRank(clauses) : null;
    const rows = await db
      .selectFrom('work_search as ws')
      .select(['ws.work_id as id', rank ? sql<number>`-${rank}`.as('rank') : sql<number>`0`.as('rank')])
      .where((eb) => eb.and(textConditions('postgres', clauses, false)))
      .execute();
    return { ids: rows.map((r) => r.id), ranks: withRank ? rows.map((r) => Number(r.rank)) : null, excluded: null };
  }
  const rows = await db
    .selectFrom('work_search as ws')
    .select('ws.work_id as id')
    .where((eb) =>
      eb.or(
        textConditions(
          'postgres',
          clauses.map((c) => ({ ...c, isExcluded: false })),
          false,
        ),
      ),
    )
    .execute();
  return { ids: null, ranks: null, excluded: rows.map((r) => r.id) };
}

/** PostgreSQL: the relevance (lower is better) of works already known to match the clauses. */
export async function rankWorks(db: Db, clauses: readonly TextClause[], ids: Int32Array): Promise<Map<number, number>> {
  const rank = relevanceRank(clauses);
  const ranks = new Map<number, number>();
  if (!rank) return ranks;
  for (let i = 0; i < ids.length; i += 5_000) {
    const chunk = Array.from(ids.subarray(i, i + 5_000));
    const rows = await db
      .selectFrom('work_search as ws')
      .select(['ws.work_id as id', sql<number>`-${rank}`.as('rank')])
      .where(sql<boolean>`ws.work_id = any(${chunk})`)
      .execute();
    for (const row of rows) ranks.set(row.id, Number(row.rank));
  }
  return ranks;
}

/** The newest change-log id (0 when the log is empty): how far the index could have read. */
export async function latestChangeId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('search_changes')
    .select((eb) => eb.fn.max<number>('id').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
