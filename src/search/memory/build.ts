/**
 * Builds the in-memory work index from the database in large ordered
 * batches, and keeps it current from the search change log: before a
 * listing is answered, the works changed since the last look are re-read
 * and patched in. The log position is read before the build reads any
 * data, so a change committed during the build is applied after it.
 */
import type { Db } from '../../db/database.ts';
import {
  countFilterTags,
  loadChanges,
  loadChangesIn,
  loadCountersFor,
  loadFilterTagsFor,
  loadFilterTagsRange,
  loadSortOrderPage,
  loadTagKindsFor,
  loadTagKindsRange,
  loadWorkFactsFor,
  loadWorkFactsRange,
  maxIds,
  pruneChanges,
} from './queries.ts';
import { noteKeyMoved } from './order.ts';
import { KIND_CODES, WorkStore } from './work-store.ts';

/**
 * Lets timers and requests run between batches. better-sqlite3 answers
 * synchronously, so a chain of awaits on it never leaves the microtask
 * queue: without this, a build would stall the server until it finished.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Works per read: small batches keep the garbage a build leaves, and so the server's peak memory, small. */
const WORK_BATCH = 10_000;
/** Works per read of filter tags (one row per work, its tags joined). */
const TAGS_BATCH = 10_000;
const TAG_BATCH = 50_000;
const CHANGE_BATCH = 5_000;
/** An id skipped over this long ago belongs to a transaction that rolled back (or committed far too late). */
const SETTLE_MS = 10_000;
const MAX_GAP = 10_000;

export async function buildWorkStore(db: Db): Promise<{ store: WorkStore; changeFloor: number }> {
  const max = await maxIds(db);
  const store = new WorkStore();
  store.ensureCapacity(max.work + 1);
  store.ensureTagCapacity(max.tag + 1);

  for (let from = 1; from <= max.work; from += WORK_BATCH) {
    for (const row of await loadWorkFactsRange(db, from, from + WORK_BATCH)) {
      store.setFacts(row);
      store.setSortHash(row);
    }
    await yieldToEventLoop();
  }
  // Tag kinds first: ratings, warnings and categories go into each work's bit mask instead of the packed tags.
  for (let from = 1; from <= max.tag; from += TAG_BATCH) {
    for (const row of await loadTagKindsRange(db, from, from + TAG_BATCH)) store.tagKind[row.id] = KIND_CODES[row.kind];
    await yieldToEventLoop();
  }
  const inMasks = store.assignFixedBits();
  // Sized up front (plus room for rows added meanwhile); trimmed once the masks have taken their share.
  let data = new Int32Array((await countFilterTags(db, max.work)) + 1024);
  let used = 0;
  let nextId = 1;
  for (let from = 1; from <= max.work; from += TAGS_BATCH) {
    for (const { work_id, tags } of await loadFilterTagsRange(db, from, from + TAGS_BATCH)) {
      while (nextId <= work_id) store.tagOffsets[nextId++] = used;
      let mask = 0;
      for (const text of tags.split(',')) {
        const tag = Number(text);
        const bit = inMasks ? store.maskBitOf(tag) : undefined;
        if (bit !== undefined) {
          mask |= 1 << bit;
          continue;
        }
        if (used === data.length) {
          const bigger = new Int32Array(Math.ceil(data.length * 1.25));
          bigger.set(data);
          data = bigger;
        }
        data[used++] = tag;
      }
      if (work_id < store.capacity) store.fixedMask[work_id] = mask;
    }
    await yieldToEventLoop();
  }
  while (nextId <= store.capacity) store.tagOffsets[nextId++] = used;
  store.tagData = used < data.length * 0.95 ? data.slice(0, used) : data.subarray(0, used);
  store.buildInverted(store.tagKind.length);
  store.buildFacetOrder();
  [store.titleOrder, store.titleRank] = await loadOrder(db, 'title_sort', store);
  [store.creatorOrder, store.creatorRank] = await loadOrder(db, 'creator_sort', store);
  return { store, changeFloor: max.change };
}

async function loadOrder(db: Db, column: 'title_sort' | 'creator_sort', store: WorkStore) {
  const order = new Int32Array(store.capacity);
  const rank = new Uint32Array(store.capacity);
  let count = 0;
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const page = await loadSortOrderPage(db, column, after, WORK_BATCH);
    for (const row of page) {
      if (row.id < store.capacity && !rank[row.id]) {
        order[count++] = row.id;
        rank[row.id] = count;
      }
    }
    if (page.length < WORK_BATCH) break;
    after = page[page.length - 1];
    await yieldToEventLoop();
  }
  return [order.subarray(0, count), rank] as const;
}

/**
 * Where a store stands in the change log. Ids are handed out before their transactions commit, so a
 * lower id can appear after a higher one (on PostgreSQL): an id skipped over is watched as a gap for a
 * while, then given up on (its transaction rolled back). Each catch-up reads only the rows past the
 * last one seen and those gaps — not every recent row again — so its cost follows the rate of changes.
 */
export class ChangeCursor {
  /** Every change up to here was seen, but for the gaps. */
  private seen: number;
  /** Ids below `seen` not seen yet, and when they were noticed. */
  private readonly gaps = new Map<number, number>();
  private lastPrune = Date.now();

  constructor(floor: number) {
    this.seen = floor;
  }

  /** The last change-log id applied (the metrics compare it with the log's newest). */
  get position(): number {
    return this.seen;
  }

  /**
   * Applies the changes committed since the last call: a work whose facts changed is re-read whole, one
   * whose counts alone changed has just its counts re-read. Returns how many works each way.
   */
  async catchUp(db: Db, store: WorkStore): Promise<{ reloaded: number; countersPatched: number }> {
    const facts = new Set<number>();
    const counters = new Set<number>();
    const take = (row: { work_id: number; counters_only: number }) =>
      (row.counters_only ? counters : facts).add(row.work_id);
    const now = Date.now();
    const gaps = [...this.gaps.keys()];
    for (let i = 0; i < gaps.length; i += 1_000) {
      for (const row of await loadChangesIn(db, gaps.slice(i, i + 1_000))) {
        this.gaps.delete(row.id);
        take(row);
      }
    }
    for (;;) {
      const rows = await loadChanges(db, this.seen, CHANGE_BATCH);
      for (const row of rows) {
        // (A jump wider than any batch of open transactions is ids never used, not ones still to commit.)
        if (row.id - this.seen <= MAX_GAP) for (let id = this.seen + 1; id < row.id; id++) this.gaps.set(id, now);
        this.seen = row.id;
        take(row);
      }
      if (rows.length < CHANGE_BATCH) break;
    }
    for (const [id, noticed] of this.gaps) if (now - noticed > SETTLE_MS) this.gaps.delete(id);
    // A work re-read whole has its current counts too.
    for (const id of facts) counters.delete(id);
    if (facts.size) await reloadWorks(db, store, [...facts]);
    if (counters.size) await reloadCounters(db, store, [...counters]);
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await pruneChanges(db, new Date(Date.now() - 86_400_000).toISOString());
    }
    return { reloaded: facts.size, countersPatched: counters.size };
  }
}

export async function reloadWorks(db: Db, store: WorkStore, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [facts, tags] = await Promise.all([loadWorkFactsFor(db, chunk), loadFilterTagsFor(db, chunk)]);
    const factsById = new Map(facts.map((f) => [f.id, f]));
    const tagsById = new Map<number, number[]>();
    for (const { work_id, tag_id } of tags) tagsById.set(work_id, [...(tagsById.get(work_id) ?? []), tag_id]);
    // Their tags' kinds are re-read too: wrangling may have changed a kind, which re-indexes the works.
    const tagIds = new Set<number>();
    for (const id of chunk) {
      const workTags = Int32Array.from(tagsById.get(id) ?? []);
      for (const tagId of workTags) tagIds.add(tagId);
      store.ensureTagCapacity(Math.max(0, ...workTags) + 1);
      store.patch(id, factsById.get(id) ?? null, workTags);
    }
    const kinds = [...tagIds];
    for (let k = 0; k < kinds.length; k += 500) {
      for (const row of await loadTagKindsFor(db, kinds.slice(k, k + 500))) {
        const code = KIND_CODES[row.kind];
        if (store.tagKind[row.id] && store.tagKind[row.id] !== code) store.kindsChanged = true;
        store.tagKind[row.id] = code;
        // A tag new since the build whose kind was only now learnt: its work's mask may lack it.
        if (code <= KIND_CODES.category && !store.fixedTags.includes(row.id)) store.fixedUnknown = true;
      }
    }
  }
}

/** Patches works' counts in: their filter tags and facts stay, and only the orders by a moved count learn of it. */
export async function reloadCounters(db: Db, store: WorkStore, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await loadCountersFor(db, ids.slice(i, i + 500))) {
      for (const sort of store.patchCounters(row)) noteKeyMoved(store, sort, row.id);
    }
  }
}
