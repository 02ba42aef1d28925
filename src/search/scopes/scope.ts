/**
 * What a listing scope is: which works a listing draws from before any
 * filter — a tag's works, a rating's, some pseuds' — as one module that
 * answers for each way of finding works: a condition for the SQL builder
 * (query.ts), the candidates for the in-memory index (memory/), and a
 * predicate for the brute-force reference of the tests. Who is looking (the
 * audience: restricted, hidden and anonymous works) is not a scope; it stays
 * with each evaluator's visibility rules.
 */
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Db, Tables } from '../../db/database.ts';
import type { WorkSearchTable } from '../../indexing/indexing.table.ts';
import type { WorksTable } from '../../works/works.table.ts';
import type { SortKey } from '../filters.ts';
import type { Snapshot } from '../reference.test-helper.ts';

/** The works of a listing query, as `w` with their search facts as `ws`. */
export type ListingDb = Tables & { w: WorksTable; ws: WorkSearchTable };
export type ListingEb = ExpressionBuilder<ListingDb, 'w' | 'ws'>;

/** What the in-memory index intersects for a scope; every part given must hold. */
export interface MemoryCandidates {
  /** The works the listing may draw from, ascending — ids only the database holds (creatorships, collections). */
  ids?: Int32Array;
  /** For the scope's own sort: each work's key (larger is newer), from the database as `ids` are. */
  sortKeys?: Map<number, number>;
  /** Filter tags every work must carry: the index holds their works itself. */
  filterTags?: number[];
  /** The ratings a work may have. */
  ratings?: string[];
}

export type ReferenceWork = Snapshot['works'][number];

export interface ListingScopeModule<K extends string, P> {
  /** The field of a listing's scope that holds this scope's parameter (the scope applies when it is set). */
  readonly key: K;
  /** SQL builder: the condition a work (`w`, with `ws`) of the scope meets. */
  condition(eb: ListingEb, param: P): Expression<SqlBool>;
  /** In-memory index: the candidates, from the database where the index does not hold them. */
  candidates(db: Db, param: P): Promise<MemoryCandidates>;
  /** The tests' brute-force reference: whether a work of the snapshot is in the scope. */
  includes(snapshot: Snapshot, param: P): (work: ReferenceWork) => boolean;
  /**
   * The scope's own sort, if it has one (filters.ts SCOPE_SORTS): its key, and for the SQL builder each work's
   * sort value (larger is newer). The in-memory index reads the values from `candidates(…).sortKeys`.
   */
  sort?: { key: SortKey; value(eb: ListingEb, param: P): Expression<number | string | null> };
}

/** Declares a scope module, keeping its key's literal type (a listing's scope gets a field of that name). */
export function defineScope<const K extends string, P>(module: ListingScopeModule<K, P>): ListingScopeModule<K, P> {
  return module;
}

/** Ids as the index's sorted lists. */
export const sortedIds = (ids: readonly number[]): Int32Array => Int32Array.from(ids).sort();
