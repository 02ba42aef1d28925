/**
 * Facet counts from the in-memory work index: per tag kind, the filter
 * tags most used among a listing's matches, exactly. A small result is
 * counted work by work. A large one would mean millions of scattered
 * increments, so instead each kind's tags are visited most used first
 * (across the archive), counting each tag's works that are in the result
 * with a bit set small enough to stay in cache, and stopping once no
 * remaining tag could reach the top — no tag can occur in more matches
 * than it has works, so the answer is the same as counting everything.
 */
import type { TagKind } from '../../tags/tags.table.ts';
import type { MemoryAnswer } from './evaluate.ts';
import { KIND_CODES, type WorkStore } from './work-store.ts';

/** Up to `countWorksUpTo` matches, count work by work (tests lower it to exercise the other way). */
export const facetSettings = { countWorksUpTo: 50_000 };

type Facets = MemoryAnswer['facets'];

/** Counters shared by every count in this process: listings are answered one at a time on its one thread. */
let scratch = new Uint32Array(0);

/** Keeps the best `limit` tags, most counted first, ties to the older (smaller) tag id. */
class TopTags {
  readonly tags: number[] = [];
  readonly counts: number[] = [];
  constructor(private readonly limit: number) {}

  get isFull(): boolean {
    return this.tags.length >= this.limit;
  }

  /** Could a tag with at most `count` matches still get in? */
  admits(count: number, tag: number): boolean {
    if (!this.isFull) return count > 0;
    const last = this.tags.length - 1;
    return count > this.counts[last] || (count === this.counts[last] && tag < this.tags[last]);
  }

  offer(tag: number, count: number): void {
    if (!this.admits(count, tag)) return;
    let at = this.tags.length;
    while (at > 0 && (count > this.counts[at - 1] || (count === this.counts[at - 1] && tag < this.tags[at - 1]))) at--;
    this.tags.splice(at, 0, tag);
    this.counts.splice(at, 0, count);
    if (this.tags.length > this.limit) {
      this.tags.pop();
      this.counts.pop();
    }
  }
}

function answer(kinds: readonly TagKind[], tops: Map<number, TopTags>, size: number): Facets {
  return kinds.map((kind) => {
    const top = tops.get(KIND_CODES[kind])!;
    return {
      kind,
      tags: top.tags.slice(0, size).map((tagId, i) => ({ tagId, count: top.counts[i] })),
      hasMore: top.tags.length > size,
    };
  });
}

export function countFacets(store: WorkStore, ids: Int32Array, kinds: readonly TagKind[], size: number): Facets {
  const tops = new Map(kinds.map((kind) => [KIND_CODES[kind], new TopTags(size + 1)]));
  if (ids.length <= facetSettings.countWorksUpTo || !store.facetOrder.length || store.kindsChanged) {
    return countWorkByWork(store, ids, kinds, tops, size);
  }
  const { dirty, invOffsets, invData, tagKind } = store;
  // Ratings, warnings and categories with a bit are counted from the masks (for changed works too).
  const byMask = store.fixedInMasks || !store.fixedUnknown;
  if (byMask) countFixedKinds(store, ids, tops);
  // Matches as a bit set (changed works aside: their tags are counted from the overlay).
  const member = new Uint32Array((store.capacity >>> 5) + 1);
  const changed = new Map<number, number>();
  let changedWorks = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (dirty[id]) {
      changedWorks++;
      for (const tag of store.tagsOf(id)) changed.set(tag, (changed.get(tag) ?? 0) + 1);
    } else member[id >>> 5] |= 1 << (id & 31);
  }
  for (const [code, top] of tops) {
    if (byMask && code <= KIND_CODES.category) {
      // Only a tag of these kinds that is new since the build has no bit; it is on changed works alone.
      for (const [tag, count] of changed) if (tagKind[tag] === code && !store.hasMaskBit(tag)) top.offer(tag, count);
      continue;
    }
    const order = store.facetOrder[code] ?? new Int32Array(0);
    for (let o = 0; o < order.length; o++) {
      const tag = order[o];
      const works = invOffsets[tag + 1] - invOffsets[tag];
      if (!top.admits(works + changedWorks, tag) && top.isFull) break;
      let count = changed.get(tag) ?? 0;
      for (let i = invOffsets[tag], end = invOffsets[tag + 1]; i < end; i++) {
        const id = invData[i];
        if (member[id >>> 5] & (1 << (id & 31))) count++;
      }
      if (tagKind[tag] === code) top.offer(tag, count);
    }
    // Tags first used since the build are in no order yet; changed works are all they appear on.
    for (const [tag, count] of changed) {
      if (tagKind[tag] === code && invOffsets[tag + 1] === invOffsets[tag]) top.offer(tag, count);
    }
  }
  return answer(kinds, tops, size);
}

/** Rating, warning and category counts from the works' masks: one pass over a small array. */
function countFixedKinds(store: WorkStore, ids: Int32Array, tops: Map<number, TopTags>): void {
  const counts = new Uint32Array(32);
  const { fixedMask } = store;
  for (let k = 0; k < ids.length; k++) {
    let mask = fixedMask[ids[k]];
    while (mask) {
      const bit = 31 - Math.clz32(mask & -mask);
      counts[bit]++;
      mask &= mask - 1;
    }
  }
  store.fixedTags.forEach((tag, bit) => {
    if (counts[bit]) tops.get(store.tagKind[tag])?.offer(tag, counts[bit]);
  });
}

function countWorkByWork(
  store: WorkStore,
  ids: Int32Array,
  kinds: readonly TagKind[],
  tops: Map<number, TopTags>,
  size: number,
): Facets {
  // One counter per tag, reused between calls (a fresh array would be megabytes per listing), reset after.
  if (scratch.length < store.tagKind.length) scratch = new Uint32Array(store.tagKind.length);
  const counts = scratch;
  const touched: number[] = [];
  const { dirty, tagOffsets, tagData, tagKind } = store;
  // Built works' packed tags leave out those in the masks: count them from the masks, for every work.
  const inMasks = store.fixedInMasks;
  if (inMasks) countFixedKinds(store, ids, tops);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (dirty[id]) {
      for (const tag of store.tagsOf(id)) {
        if (inMasks && store.hasMaskBit(tag)) continue;
        if (counts[tag]++ === 0) touched.push(tag);
      }
      continue;
    }
    for (let i = tagOffsets[id], end = tagOffsets[id + 1]; i < end; i++) {
      const tag = tagData[i];
      if (counts[tag]++ === 0) touched.push(tag);
    }
  }
  for (const tag of touched) {
    tops.get(tagKind[tag])?.offer(tag, counts[tag]);
    counts[tag] = 0;
  }
  return answer(kinds, tops, size);
}
