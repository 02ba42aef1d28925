/**
 * The in-memory work index's storage: one typed array per listing fact,
 * indexed by work id (flags, rating, language, counts, dates), each work's
 * filter tags (a packed array, with an overlay for works changed since the
 * build), each tag's works (the inverse, for include and exclude), tag
 * kinds, and the title and creator sort ranks. About 50 bytes per work plus
 * 8 bytes per filter tag (ratings, warnings and categories are bits of a
 * per-work mask instead): a million AO3-shaped works fit in ~150 MB.
 */
import type { TagKind } from '../../tags/tags.table.ts';
import { RATINGS } from '../../domain-facts.ts';
import type { WorkCounters, WorkFacts } from './queries.ts';
import { stateBitsOf } from '../../visibility/index.ts';

/** A work's bits besides its visibility states, whose bits (2–32, 256, 512, 1024) src/visibility assigns. */
export const FLAG = {
  exists: 1,
  complete: 64,
  crossover: 128,
} as const;

export const KIND_CODES: Record<TagKind, number> = {
  rating: 1,
  warning: 2,
  category: 3,
  media: 4,
  fandom: 5,
  relationship: 6,
  character: 7,
  freeform: 8,
  unsorted: 9,
};

/** The sorts by a counter, which a counters-only change can move a work in. */
export type CounterSort = 'hits' | 'kudos' | 'comments' | 'bookmarks';

/** A null date: smaller than every date, as both databases sort it here. */
export const NULL_DAY = 0;

/** A date as an unsigned day number (days since 1970 shifted by 2^31, so older dates stay positive); null is 0. */
export function dayNumber(date: string | null): number {
  if (!date) return NULL_DAY;
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000) + 0x80000000;
}

export function ratingCode(rating: string): number {
  const index = RATINGS.indexOf(rating as (typeof RATINGS)[number]);
  return index < 0 ? 255 : index;
}

/** FNV-1a: enough to tell whether a work's sort keys changed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

export class WorkStore {
  capacity = 0;
  flags = new Uint16Array(0);
  rating = new Uint8Array(0);
  language = new Uint16Array(0);
  chapters = new Uint32Array(0);
  words = new Uint32Array(0);
  hits = new Uint32Array(0);
  kudos = new Uint32Array(0);
  comments = new Uint32Array(0);
  bookmarks = new Uint32Array(0);
  tagCount = new Uint32Array(0);
  updated = new Uint32Array(0);
  posted = new Uint32Array(0);
  /** Position in title / creator order, from 1; 0 when unknown (changed since the build). */
  titleRank = new Uint32Array(0);
  creatorRank = new Uint32Array(0);
  /** A hash of each work's sortable title and creator, to notice when a change moves it in those orders. */
  sortHash = new Uint32Array(0);
  /** Works in title / creator order, as built. */
  titleOrder = new Int32Array(0);
  creatorOrder = new Int32Array(0);

  /** Filter tags as built: work id → tagData[tagOffsets[id] .. tagOffsets[id + 1]). */
  tagOffsets = new Uint32Array(1);
  tagData = new Int32Array(0);
  /** Works changed since the build: their current filter tags, and a flag per id. */
  overlay = new Map<number, Int32Array>();
  dirty = new Uint8Array(0);
  dirtyIds: number[] = [];
  /** Each tag's works as built, ascending: tag id → invData[invOffsets[tag] .. invOffsets[tag + 1]). */
  invOffsets = new Uint32Array(1);
  invData = new Int32Array(0);
  tagKind = new Uint8Array(0);
  /** Per kind code, the kind's tags as built, most works first (for exact top-N facet counts, facets.ts). */
  facetOrder: Int32Array[] = [];
  /** A tag changed kind since the build: facet counting then goes work by work until the next build. */
  kindsChanged = false;
  /**
   * Ratings, warnings and categories — a few tags on nearly every work — as one bit each per work, so
   * their facet counts are a pass over a small array rather than over their enormous lists of works.
   */
  fixedMask = new Uint32Array(0);
  fixedTags: number[] = [];
  private fixedBit = new Map<number, number>();
  /** A rating, warning or category tag appeared after the build: masks no longer tell the whole story. */
  fixedUnknown = false;
  /**
   * The build kept the tags that have a bit out of the packed filter tags (`tagData`, `invData`): they are
   * on nearly every work, a quarter of all filter taggings, and the masks say the same in far less memory.
   * So `tagsOf` a built work lacks them and `worksWithTag` reads them off the masks.
   */
  fixedInMasks = false;

  ensureCapacity(size: number): void {
    if (size <= this.capacity) return;
    const next = Math.max(size, Math.ceil(this.capacity * 1.5) + 1024);
    for (const key of [
      'flags', 'rating', 'language', 'chapters', 'words', 'hits', 'kudos', 'comments', 'bookmarks', 'tagCount',
      'updated', 'posted', 'titleRank', 'creatorRank', 'sortHash', 'dirty', 'fixedMask',
    ] as const) {
      (this as Record<string, unknown>)[key] = grow(this[key] as Uint32Array, next);
    } // prettier-ignore
    const offsets = new Uint32Array(next + 1);
    offsets.set(this.tagOffsets);
    offsets.fill(this.tagOffsets[this.tagOffsets.length - 1], this.tagOffsets.length);
    this.tagOffsets = offsets;
    this.capacity = next;
  }

  ensureTagCapacity(size: number): void {
    if (size > this.tagKind.length)
      this.tagKind = grow(this.tagKind, Math.max(size, Math.ceil(this.tagKind.length * 1.5) + 1024));
  }

  setFacts(row: WorkFacts): void {
    const id = row.id;
    let flags = FLAG.exists;
    flags |= stateBitsOf(row);
    if (row.is_complete) flags |= FLAG.complete;
    if (row.is_crossover) flags |= FLAG.crossover;
    this.flags[id] = flags;
    this.rating[id] = ratingCode(row.rating);
    this.language[id] = row.language_id;
    this.chapters[id] = row.posted_chapters;
    this.words[id] = row.word_count;
    this.hits[id] = row.hits;
    this.kudos[id] = row.kudos_count;
    this.comments[id] = row.comments_count;
    this.bookmarks[id] = row.bookmarks_count;
    this.tagCount[id] = row.tag_count ?? 0;
    this.updated[id] = dayNumber(row.updated_on);
    this.posted[id] = dayNumber(row.published_on);
  }

  /** Stores the work's sort-key hash; true when it differs from the one held. */
  setSortHash(row: WorkFacts): boolean {
    const hash = hashText(`${row.title_sort ?? ''}\u0000${row.creator_sort ?? ''}`);
    const changed = this.sortHash[row.id] !== hash;
    this.sortHash[row.id] = hash;
    return changed;
  }

  /** A work's filter tags, current (a built work's without those in the masks: see `fixedInMasks`). */
  tagsOf(id: number): Int32Array {
    if (this.dirty[id]) return this.overlay.get(id) ?? new Int32Array(0);
    return this.tagData.subarray(this.tagOffsets[id], this.tagOffsets[id + 1]);
  }

  /** Records a changed work's facts (null: the work is gone) and filter tags. */
  patch(id: number, facts: WorkFacts | null, tags: Int32Array): void {
    this.ensureCapacity(id + 1);
    let sortKeysChanged = true;
    if (facts) {
      this.setFacts(facts);
      sortKeysChanged = this.setSortHash(facts);
    } else this.flags[id] = 0;
    this.overlay.set(id, tags);
    this.fixedMask[id] = this.maskOf(tags);
    if (!this.dirty[id]) {
      this.dirty[id] = 1;
      this.dirtyIds.push(id);
    }
    if (sortKeysChanged || !facts) {
      this.titleRank[id] = 0;
      this.creatorRank[id] = 0;
    }
  }

  /**
   * Sets a work's kudos, comment, bookmark and hit counts — nothing else about it changed, so it keeps its
   * filter tags and its place in every other order — and says which counts moved.
   */
  patchCounters(row: WorkCounters): CounterSort[] {
    const id = row.id;
    if (id >= this.capacity) return [];
    const moved: CounterSort[] = [];
    const set = (sort: CounterSort, column: Uint32Array, value: number) => {
      if (column[id] === value) return;
      column[id] = value;
      moved.push(sort);
    };
    set('hits', this.hits, row.hits);
    set('kudos', this.kudos, row.kudos_count);
    set('comments', this.comments, row.comments_count);
    set('bookmarks', this.bookmarks, row.bookmarks_count);
    return moved;
  }

  /** Works carrying the tag, ascending, current. */
  worksWithTag(tagId: number): Int32Array {
    const bit = this.maskBitOf(tagId);
    if (bit !== undefined) {
      const flag = 1 << bit;
      const out = new Int32Array(this.capacity);
      let n = 0;
      for (let id = 1; id < this.capacity; id++) if (this.fixedMask[id] & flag) out[n++] = id;
      return out.slice(0, n);
    }
    const base =
      tagId + 1 < this.invOffsets.length
        ? this.invData.subarray(this.invOffsets[tagId], this.invOffsets[tagId + 1])
        : new Int32Array(0);
    if (!this.dirtyIds.length) return base;
    const out: number[] = [];
    for (const id of base) if (!this.dirty[id]) out.push(id);
    for (const id of this.dirtyIds) if (this.overlay.get(id)?.includes(tagId)) out.push(id);
    return Int32Array.from(out).sort();
  }

  /**
   * Gives each rating, warning and category tag a bit (their kinds must be loaded); the build then sets
   * each work's mask as it packs the filter tags. False when there are more than 32 such tags.
   */
  assignFixedBits(): boolean {
    this.fixedTags = [];
    this.fixedBit = new Map();
    for (let tag = 1; tag < this.tagKind.length; tag++) {
      const code = this.tagKind[tag];
      if (code >= KIND_CODES.rating && code <= KIND_CODES.category) {
        this.fixedBit.set(tag, this.fixedTags.length);
        this.fixedTags.push(tag);
      }
    }
    this.fixedUnknown = this.fixedTags.length > 32;
    this.fixedInMasks = !this.fixedUnknown;
    return this.fixedInMasks;
  }

  /** Does the tag have a bit in the masks? */
  hasMaskBit(tag: number): boolean {
    return this.fixedBit.has(tag);
  }

  /** The tag's bit in the masks, when the packed filter tags leave it to them. */
  maskBitOf(tag: number): number | undefined {
    return this.fixedInMasks ? this.fixedBit.get(tag) : undefined;
  }

  /** A work's mask of rating, warning and category tags; notes a tag of those kinds that has no bit. */
  maskOf(tags: Int32Array): number {
    let mask = 0;
    for (const tag of tags) {
      const bit = this.fixedBit.get(tag);
      if (bit !== undefined) mask |= 1 << bit;
      else if (this.tagKind[tag] >= KIND_CODES.rating && this.tagKind[tag] <= KIND_CODES.category)
        this.fixedUnknown = true;
    }
    return mask;
  }

  /** Orders each kind's tags by how many works they have, most first. */
  buildFacetOrder(): void {
    const byKind = new Map<number, number[]>();
    for (let tag = 1; tag + 1 < this.invOffsets.length && tag < this.tagKind.length; tag++) {
      if (this.invOffsets[tag + 1] === this.invOffsets[tag]) continue;
      const code = this.tagKind[tag];
      let list = byKind.get(code);
      if (!list) byKind.set(code, (list = []));
      list.push(tag);
    }
    const works = (tag: number) => this.invOffsets[tag + 1] - this.invOffsets[tag];
    this.facetOrder = [];
    for (const [code, list] of byKind)
      this.facetOrder[code] = Int32Array.from(list.sort((a, b) => works(b) - works(a) || a - b));
  }

  /** Builds each tag's works from the packed filter tags. */
  buildInverted(tagCapacity: number): void {
    const counts = new Uint32Array(tagCapacity + 1);
    const data = this.tagData;
    for (let i = 0; i < data.length; i++) counts[data[i] + 1]++;
    for (let t = 1; t <= tagCapacity; t++) counts[t] += counts[t - 1];
    const fill = counts.slice(0, tagCapacity);
    const inv = new Int32Array(data.length);
    for (let id = 1; id < this.capacity; id++) {
      for (let i = this.tagOffsets[id]; i < this.tagOffsets[id + 1]; i++) inv[fill[data[i]]++] = id;
    }
    this.invOffsets = counts;
    this.invData = inv;
  }
}
