/**
 * Every listing scope, in one list: a new kind of listing (a collection's
 * works, a user's bookmarks, reading history) is one module here, and a
 * listing's scope gets a field of its key. Each evaluator asks `scopesIn`
 * which scopes a listing sets and applies them its own way.
 */
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SortKey } from '../filters.ts';
import type { Snapshot } from '../reference.test-helper.ts';
import { collectionScope } from './collection.ts';
import { kudosScope } from './kudos.ts';
import { pseudsScope } from './pseuds.ts';
import { ratingScope } from './rating.ts';
import { readingsScope } from './readings.ts';
import type { ListingEb, ListingScopeModule, MemoryCandidates, ReferenceWork } from './scope.ts';
import { tagScope } from './tag.ts';

export const LISTING_SCOPES = [tagScope, ratingScope, pseudsScope, kudosScope, readingsScope, collectionScope] as const;

type Modules = (typeof LISTING_SCOPES)[number];
type ParamOf<M> = M extends ListingScopeModule<string, infer P> ? P : never;

/** Each scope's parameter, by its key: the pluggable part of a listing's scope (plan.ts `ListingScope`). */
export type ScopeParams = { [M in Modules as M['key']]?: ParamOf<M> };

/** A scope a listing sets, with its parameter bound. */
export interface AppliedScope {
  key: string;
  condition(eb: ListingEb): Expression<SqlBool>;
  candidates(db: Db): Promise<MemoryCandidates>;
  includes(snapshot: Snapshot): (work: ReferenceWork) => boolean;
  /** The scope's own sort (scope.ts), with its parameter bound. */
  sort?: { key: SortKey; value(eb: ListingEb): Expression<number | string | null> };
}

/** The scopes a listing sets, in the registry's order. */
export function scopesIn(scope: ScopeParams): AppliedScope[] {
  const applied: AppliedScope[] = [];
  for (const module of LISTING_SCOPES as readonly ListingScopeModule<string, unknown>[]) {
    const param = (scope as Record<string, unknown>)[module.key];
    if (param === undefined || param === null) continue;
    applied.push({
      key: module.key,
      condition: (eb) => module.condition(eb, param),
      candidates: (db) => module.candidates(db, param),
      includes: (snapshot) => module.includes(snapshot, param),
      sort: module.sort && { key: module.sort.key, value: (eb) => module.sort!.value(eb, param) },
    });
  }
  return applied;
}

/** The scope of the listing whose own sort `key` is, if the listing sets it. */
export function scopeSorting(scope: ScopeParams, key: SortKey): AppliedScope | undefined {
  return scopesIn(scope).find((applied) => applied.sort?.key === key);
}
