/**
 * Answers a search plan from the in-memory work index: the matching works
 * (candidates from the tags' work lists and the id lists the database
 * supplied, then each checked against the plan), their exact count, facet
 * counts over all of them, and the page in the plan's order — the same
 * answer as the SQL builder in plan-queries.ts, which the reference test checks.
 */
import type { RangeField } from '../filters.ts';
import type { SearchPlan } from '../plan.ts';
import type { FacetGroup } from '../plan-queries.ts';
import { dayNumber, FLAG, NULL_DAY, ratingCode, type WorkStore } from './work-store.ts';
import { hiddenStateBits } from '../../visibility/index.ts';

export interface ExternalLists {
  /** Sorted id lists every result must be in: a pseud's works, an unwrangled tag's, text matches. */
  mustBeIn: Int32Array[];
  /** Id lists no result may be in. */
  mustNotBeIn: Int32Array[];
  /** Filter tags the listing's scopes require (scopes/): tested here like the include filters. */
  scopeTags: number[];
  /** Ratings allowed by each of the listing's scopes that limits them. */
  scopeRatings: string[][];
  /** Relevance by work id (lower is better), for a relevance sort. */
  rankOf: Map<number, number> | null;
  /** For a scope's own sort (when the reader left kudos), each work's key, larger is newer. */
  scopeKeys?: Map<number, number>;
}

export interface MemoryAnswer {
  total: number;
  /** The page's ids in order; null when the caller should ask the database for the order. */
  pageIds: number[] | null;
  facets: Array<Omit<FacetGroup, 'tags'> & { tags: Array<{ tagId: number; count: number }> }>;
}

/** The intersection of ascending id lists. */
function intersect(lists: Int32Array[]): Int32Array {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0];
  for (const other of sorted.slice(1)) {
    const out = new Int32Array(result.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < result.length && j < other.length; i++) {
      const id = result[i];
      // Gallop through the longer list.
      let step = 1;
      while (j + step < other.length && other[j + step] < id) step *= 2;
      let lo = j;
      let hi = Math.min(j + step, other.length - 1);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (other[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
      if (other[j] === id) out[n++] = id;
    }
    result = out.subarray(0, n);
  }
  return result;
}

function rangeColumn(store: WorkStore, field: RangeField): Uint32Array {
  return { words: store.words, kudos: store.kudos, chapters: store.chapters, hits: store.hits, comments: store.comments, bookmarks: store.bookmarks }[field]; // prettier-ignore
}

let scratch = { excluded: new Uint8Array(0), out: new Int32Array(0) };

/**
 * Working arrays reused between listings (fresh ones would be megabytes per request). Safe because a
 * listing is matched, counted and paged without an await in between (see WorkIndex.answer).
 */
function scratchArrays(capacity: number) {
  if (scratch.out.length < capacity) scratch = { excluded: new Uint8Array(capacity), out: new Int32Array(capacity) };
  else scratch.excluded.fill(0);
  return scratch;
}

/**
 * The ids of works matching the plan, ascending. The array is reused by the next call: use it before
 * anything else asks.
 */
export function matchingIds(store: WorkStore, plan: SearchPlan, external: ExternalLists): Int32Array {
  const { scope } = plan;
  const lists: Int32Array[] = [...external.mustBeIn];
  const included = [
    ...plan.includeTags.filter((tag) => tag.through === 'filter_tags').map((tag) => tag.tagId),
    ...external.scopeTags,
  ];
  // Ratings, warnings and categories are tested on each work's bit mask (see WorkStore.fixedInMasks).
  let requireMask = 0;
  let forbidMask = 0;
  for (const tagId of included) {
    const bit = store.maskBitOf(tagId);
    if (bit !== undefined) requireMask |= 1 << bit;
    else lists.push(store.worksWithTag(tagId));
  }
  const work = scratchArrays(store.capacity);
  const excluded = work.excluded;
  const exclude = (tagId: number) => {
    const bit = store.maskBitOf(tagId);
    if (bit !== undefined) forbidMask |= 1 << bit;
    else for (const id of store.worksWithTag(tagId)) excluded[id] = 1;
  };
  for (const tag of plan.excludeTags) if (tag.through === 'filter_tags') exclude(tag.tagId);
  for (const list of external.mustNotBeIn) for (const id of list) if (id < store.capacity) excluded[id] = 1;

  let required: number = FLAG.exists;
  // The visibility module's states, as the bits the store keeps for them.
  let forbidden = hiddenStateBits(scope);
  if (plan.crossover === 'exclude') forbidden |= FLAG.crossover;
  if (plan.crossover === 'only') required |= FLAG.crossover;
  if (plan.complete === true) required |= FLAG.complete;
  if (plan.complete === false) forbidden |= FLAG.complete;
  // Ratings as a lookup by rating code; a listing's own rating (a rating's page) must hold too.
  const ratingAllowed = new Uint8Array(256).fill(1);
  for (const list of [plan.ratings, ...external.scopeRatings]) {
    if (!list.length) continue;
    const codes = new Set(list.map(ratingCode));
    for (let code = 0; code < 256; code++) if (!codes.has(code)) ratingAllowed[code] = 0;
  }
  // Word ranges and the search box's comparisons, as inclusive bounds per figure.
  const bounds = new Map<Uint32Array, { lo: number; hi: number }>();
  const bound = (column: Uint32Array, lo: number, hi: number) => {
    const b = bounds.get(column) ?? { lo: 0, hi: Infinity };
    bounds.set(column, { lo: Math.max(b.lo, lo), hi: Math.min(b.hi, hi) });
  };
  if (plan.words.min !== null || plan.words.max !== null)
    bound(store.words, plan.words.min ?? 0, plan.words.max ?? Infinity);
  for (const r of plan.ranges) {
    const column = rangeColumn(store, r.field);
    const v = r.value;
    if (r.op === '<') bound(column, 0, v - 1);
    else if (r.op === '<=') bound(column, 0, v);
    else if (r.op === '>') bound(column, v + 1, Infinity);
    else if (r.op === '>=') bound(column, v, Infinity);
    else bound(column, v, v);
  }
  const columns = [...bounds.keys()];
  const los = columns.map((c) => bounds.get(c)!.lo);
  const his = columns.map((c) => bounds.get(c)!.hi);
  const minDay = plan.updated.min ? dayNumber(plan.updated.min) : 1;
  const maxDay = plan.updated.max ? dayNumber(plan.updated.max) : Infinity;
  const byDay = plan.updated.min !== null || plan.updated.max !== null;
  const language = plan.languageId ?? -1;
  const blocklist = scope.blocklist;
  if (blocklist) {
    for (const tag of blocklist.tags) if (tag.through === 'filter_tags') exclude(tag.tagId);
    for (const id of blocklist.workIds) if (id < store.capacity) excluded[id] = 1;
  }
  const maxTags = blocklist?.maxTags ?? Infinity;
  const staleBefore = blocklist?.staleBefore ? dayNumber(blocklist.staleBefore) : 0;
  const { flags, rating, updated, tagCount, fixedMask } = store;
  const languages = store.language;

  // Plain loops over typed arrays: this runs for every work of a broad listing.
  const accepts = (id: number): boolean => {
    const f = flags[id];
    if ((f & required) !== required || f & forbidden || excluded[id] || !ratingAllowed[rating[id]]) return false;
    const mask = fixedMask[id];
    if ((mask & requireMask) !== requireMask || mask & forbidMask) return false;
    if (language >= 0 && languages[id] !== language) return false;
    if (byDay && (updated[id] === NULL_DAY || updated[id] < minDay || updated[id] > maxDay)) return false;
    if (tagCount[id] > maxTags) return false;
    if (staleBefore && !(f & FLAG.complete) && updated[id] < staleBefore) return false;
    for (let k = 0; k < columns.length; k++) {
      const v = columns[k][id];
      if (v < los[k] || v > his[k]) return false;
    }
    return true;
  };

  if (lists.length) {
    const candidates = intersect(lists);
    const out = new Int32Array(candidates.length);
    let n = 0;
    for (let i = 0; i < candidates.length; i++) {
      const id = candidates[i];
      if (id < store.capacity && accepts(id)) out[n++] = id;
    }
    return out.subarray(0, n);
  }
  const out = work.out;
  let n = 0;
  // The common broad listing asks only about visibility: test the flags and nothing else.
  const flagsOnly =
    !requireMask &&
    !forbidMask &&
    !plan.excludeTags.length &&
    !external.mustNotBeIn.length &&
    !blocklist &&
    !plan.ratings.length &&
    !external.scopeRatings.length &&
    language < 0 &&
    !byDay &&
    !columns.length;
  if (flagsOnly) {
    for (let id = 1; id < store.capacity; id++) {
      const f = flags[id];
      if ((f & required) === required && !(f & forbidden)) out[n++] = id;
    }
  } else {
    for (let id = 1; id < store.capacity; id++) if (accepts(id)) out[n++] = id;
  }
  return out.subarray(0, n);
}
