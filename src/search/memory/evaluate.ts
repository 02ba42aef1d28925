/**
 * Answers a search plan from the in-memory work index: the matching works
 * (candidates from the tags' work lists and the id lists the database
 * supplied, then each checked against the plan), their exact count, facet
 * counts over all of them, and the page in the plan's order — the same
 * answer as the SQL builder in query.ts, which the reference test checks.
 */
import type { TagKind } from '../../db/database.ts';
import type { RangeField } from '../filters.ts';
import type { SearchPlan } from '../plan.ts';
import type { FacetGroup } from '../query.ts';
import { dayNumber, FLAG, KIND_CODES, NULL_DAY, ratingCode, type WorkStore } from './work-store.ts';

export interface ExternalLists {
  /** Sorted id lists every result must be in: a pseud's works, an unwrangled tag's, text matches. */
  mustBeIn: Int32Array[];
  /** Id lists no result may be in. */
  mustNotBeIn: Int32Array[];
  /** Relevance by work id (lower is better), for a relevance sort. */
  rankOf: Map<number, number> | null;
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

/** The ids of works matching the plan, ascending. */
export function matchingIds(store: WorkStore, plan: SearchPlan, external: ExternalLists): Int32Array {
  const { scope } = plan;
  const lists: Int32Array[] = [...external.mustBeIn];
  const included = [...plan.includeTags, ...(scope.tag ? [scope.tag] : [])];
  for (const tag of included) if (tag.through === 'filter_tags') lists.push(store.worksWithTag(tag.tagId));
  const excluded = new Uint8Array(store.capacity);
  for (const tag of plan.excludeTags) {
    if (tag.through === 'filter_tags') for (const id of store.worksWithTag(tag.tagId)) excluded[id] = 1;
  }
  for (const list of external.mustNotBeIn) for (const id of list) if (id < store.capacity) excluded[id] = 1;

  let required: number = FLAG.exists | FLAG.posted;
  let forbidden = 0;
  if (!scope.includeHidden) forbidden |= FLAG.hidden;
  if (!scope.includeRestricted) forbidden |= FLAG.restricted;
  if (scope.excludeAnonymous) forbidden |= FLAG.anonymous | FLAG.unrevealed;
  if (plan.crossover === 'exclude') forbidden |= FLAG.crossover;
  if (plan.crossover === 'only') required |= FLAG.crossover;
  if (plan.complete === true) required |= FLAG.complete;
  if (plan.complete === false) forbidden |= FLAG.complete;
  const ratingSets = [plan.ratings, scope.rating ? [scope.rating] : []]
    .filter((r) => r.length)
    .map((r) => new Set(r.map(ratingCode)));
  const [minWords, maxWords] = [plan.words.min ?? -1, plan.words.max ?? Infinity];
  const minDay = plan.updated.min ? dayNumber(plan.updated.min) : null;
  const maxDay = plan.updated.max ? dayNumber(plan.updated.max) : null;
  const language = plan.languageId;
  const ranges = plan.ranges.map((r) => ({ column: rangeColumn(store, r.field), op: r.op, value: r.value }));
  const blocklist = scope.blocklist;
  if (blocklist) {
    for (const tag of blocklist.tags) {
      if (tag.through === 'filter_tags') for (const id of store.worksWithTag(tag.tagId)) excluded[id] = 1;
    }
    for (const id of blocklist.workIds) if (id < store.capacity) excluded[id] = 1;
  }
  const maxTags = blocklist?.maxTags ?? Infinity;
  const staleBefore = blocklist?.staleBefore ? dayNumber(blocklist.staleBefore) : null;
  const { flags, rating, words, updated } = store;

  const accepts = (id: number): boolean => {
    const f = flags[id];
    if ((f & required) !== required || f & forbidden || excluded[id]) return false;
    for (const set of ratingSets) if (!set.has(rating[id])) return false;
    const w = words[id];
    if (w < minWords || w > maxWords) return false;
    if (minDay !== null && (updated[id] === NULL_DAY || updated[id] < minDay)) return false;
    if (maxDay !== null && (updated[id] === NULL_DAY || updated[id] > maxDay)) return false;
    if (language !== null && store.language[id] !== language) return false;
    if (store.tagCount[id] > maxTags) return false;
    if (staleBefore !== null && !(f & FLAG.complete) && updated[id] < staleBefore) return false;
    for (const { column, op, value } of ranges) {
      const v = column[id];
      if (
        op === '<'
          ? !(v < value)
          : op === '<='
            ? !(v <= value)
            : op === '>'
              ? !(v > value)
              : op === '>='
                ? !(v >= value)
                : v !== value
      )
        return false;
    }
    return true;
  };

  const out: number[] = [];
  if (lists.length) {
    for (const id of intersect(lists)) if (id < store.capacity && accepts(id)) out.push(id);
  } else {
    for (let id = 1; id < store.capacity; id++) if (accepts(id)) out.push(id);
  }
  return Int32Array.from(out);
}

const FACET_CODES = new Map<number, TagKind>();

/** Per facet kind, the `size` most used filter tags among `ids` (count desc, then tag id), and whether there are more. */
export function countFacets(
  store: WorkStore,
  ids: Int32Array,
  kinds: readonly TagKind[],
  size: number,
): MemoryAnswer['facets'] {
  if (!FACET_CODES.size) for (const [kind, code] of Object.entries(KIND_CODES)) FACET_CODES.set(code, kind as TagKind);
  const counts = new Uint32Array(store.tagKind.length);
  const touched: number[] = [];
  const { dirty, tagOffsets, tagData } = store;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (dirty[id]) {
      for (const tag of store.tagsOf(id)) if (counts[tag]++ === 0) touched.push(tag);
      continue;
    }
    for (let i = tagOffsets[id], end = tagOffsets[id + 1]; i < end; i++) {
      const tag = tagData[i];
      if (counts[tag]++ === 0) touched.push(tag);
    }
  }
  const wanted = new Set(kinds.map((k) => KIND_CODES[k]));
  const best = new Map<number, number[]>(); // kind code → up to size+1 tag ids, best first
  const better = (a: number, b: number) => counts[a] > counts[b] || (counts[a] === counts[b] && a < b);
  for (const tag of touched) {
    const code = store.tagKind[tag];
    if (!wanted.has(code)) continue;
    let top = best.get(code);
    if (!top) best.set(code, (top = []));
    if (top.length > size && !better(tag, top[top.length - 1])) continue;
    let at = top.length;
    while (at > 0 && better(tag, top[at - 1])) at--;
    top.splice(at, 0, tag);
    if (top.length > size + 1) top.pop();
  }
  return kinds.map((kind) => {
    const top = best.get(KIND_CODES[kind]) ?? [];
    return {
      kind,
      tags: top.slice(0, size).map((tagId) => ({ tagId, count: counts[tagId] })),
      hasMore: top.length > size,
    };
  });
}
