/**
 * Puts the in-memory index's matches in the plan's order and cuts the page:
 * a small result is sorted outright; a large one is read off a prebuilt
 * order of all works (per sort key, kept on the store), skipping works not
 * in the result, with works changed since the build merged in from their
 * own small sorted list — and so are works whose kudos, comment, bookmark
 * or hit count moved since that count's order was sorted, until so many
 * have moved that sorting it again at its next use is cheaper. Ties are
 * broken by id in the sort's direction, and null dates sort as the oldest —
 * as the SQL builder orders them.
 */
import { PAGE_SIZE, type SortKey } from '../filters.ts';
import type { SearchPlan } from '../plan.ts';
import type { CounterSort, WorkStore } from './work-store.ts';

/** Above `sortOutright` matches, the page is read off a prebuilt order instead of sorting them (tests lower it). */
export const orderSettings = { sortOutright: 30_000 };

/** The sorts the index keeps orders for: every one but relevance and a scope's own (orderByKeys). */
type IndexSort = Exclude<SortKey, 'relevance' | 'kudos_given' | 'reading_date'>;
type Keyed = Exclude<IndexSort, 'title' | 'creator'>;

/** A work's key for a numeric or date sort, as an unsigned 32-bit number (null dates are 0). */
function keyArray(store: WorkStore, sort: Keyed): Uint32Array {
  switch (sort) {
    case 'words':
      return store.words;
    case 'hits':
      return store.hits;
    case 'kudos':
      return store.kudos;
    case 'comments':
      return store.comments;
    case 'bookmarks':
      return store.bookmarks;
    case 'updated':
      return store.updated;
    case 'posted':
      return store.posted;
  }
}

/** Ids sorted ascending by (key, id). */
function sortByKey(ids: ArrayLike<number>, key: (id: number) => number): Int32Array {
  let maxId = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > maxId) maxId = ids[i];
  if (maxId < 0x200000) {
    // A 32-bit key and a 21-bit id pack exactly into a double, which sorts natively and fast.
    const packed = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) packed[i] = (key(ids[i]) >>> 0) * 0x200000 + ids[i];
    packed.sort();
    return Int32Array.from(packed, (p) => p % 0x200000);
  }
  const packed = new BigUint64Array(ids.length);
  for (let i = 0; i < ids.length; i++) packed[i] = (BigInt(key(ids[i]) >>> 0) << 32n) | BigInt(ids[i]);
  packed.sort();
  return Int32Array.from(packed, (p) => Number(p & 0xffffffffn));
}

interface BuiltOrder {
  keys: Uint32Array | null;
  order: Int32Array;
  /** Works, not otherwise changed since the build, whose key moved since this order was sorted. */
  moved: Set<number>;
}

const orders = new WeakMap<WorkStore, Map<string, BuiltOrder>>();

/** Past this many moved works (or 1% of all), an order by a count is dropped and sorted again at its next use. */
const RESORT_AFTER = 2_000;

/** Every work of the store as built, ascending by the sort's key then id. */
function builtOrder(store: WorkStore, sort: IndexSort) {
  let cache = orders.get(store);
  if (!cache) orders.set(store, (cache = new Map()));
  let entry = cache.get(sort);
  if (!entry) {
    if (sort === 'title' || sort === 'creator') {
      entry = { keys: null, order: sort === 'title' ? store.titleOrder : store.creatorOrder, moved: new Set() };
    } else {
      const keys = keyArray(store, sort);
      const existing: number[] = [];
      for (let id = 1; id < store.capacity; id++) if (store.flags[id]) existing.push(id);
      entry = { keys, order: sortByKey(existing, (id) => keys[id]), moved: new Set() };
    }
    cache.set(sort, entry);
  }
  return entry;
}

/**
 * Notes that a work's count moved: the order by that count (if sorted yet) merges the work in by its
 * current count instead of where it was sorted. Every other order, and the work's facts, stay as they are.
 */
export function noteKeyMoved(store: WorkStore, sort: CounterSort, id: number): void {
  const cache = orders.get(store);
  const entry = cache?.get(sort);
  if (!entry || store.dirty[id]) return; // not sorted yet, or merged in as a changed work already
  entry.moved.add(id);
  if (entry.moved.size > Math.max(RESORT_AFTER, store.capacity * 0.01)) cache!.delete(sort);
}

/**
 * The page's ids in order, or null when the order needs the database
 * (a title or creator sort over works whose sort keys changed since the build).
 */
export function orderPage(
  store: WorkStore,
  plan: SearchPlan,
  ids: Int32Array,
  rankOf: Map<number, number> | null,
): number[] | null {
  const offset = (plan.page - 1) * PAGE_SIZE;
  if (offset >= ids.length) return [];
  const descending = plan.order === 'desc';
  const take = (sorted: ArrayLike<number>): number[] => {
    const out: number[] = [];
    for (let k = offset; k < offset + PAGE_SIZE && k < sorted.length; k++) {
      out.push(sorted[descending ? sorted.length - 1 - k : k]);
    }
    return out;
  };

  if (plan.sort === 'relevance' && rankOf) {
    // Best (lowest) rank first when descending, then the higher id, as the SQL builder orders it.
    const sorted = [...ids].sort((a, b) => {
      const diff = rankOf.get(a)! - rankOf.get(b)!;
      return descending ? diff || b - a : -diff || a - b;
    });
    return sorted.slice(offset, offset + PAGE_SIZE);
  }
  const sort: IndexSort =
    plan.sort === 'relevance' || plan.sort === 'kudos_given' || plan.sort === 'reading_date' ? 'updated' : plan.sort;
  if (sort === 'title' || sort === 'creator') {
    const rank = sort === 'title' ? store.titleRank : store.creatorRank;
    for (const id of ids) if (!rank[id]) return null;
    if (ids.length <= orderSettings.sortOutright) return take(sortByKey(ids, (id) => rank[id]));
  } else if (ids.length <= orderSettings.sortOutright) {
    const keys = keyArray(store, sort);
    return take(sortByKey(ids, (id) => keys[id]));
  }
  return walkBuiltOrder(store, sort, ids, offset, descending);
}

/** The page of `ids` by keys the scope read from the database (a kudos history: newest kudos first), then id. */
export function orderByKeys(plan: SearchPlan, ids: Int32Array, keys: Map<number, number>): number[] {
  const descending = plan.order === 'desc';
  const key = (id: number) => keys.get(id) ?? -1;
  const sorted = [...ids].sort((a, b) => (descending ? key(b) - key(a) || b - a : key(a) - key(b) || a - b));
  const offset = (plan.page - 1) * PAGE_SIZE;
  return sorted.slice(offset, offset + PAGE_SIZE);
}

function walkBuiltOrder(store: WorkStore, sort: IndexSort, ids: Int32Array, offset: number, descending: boolean) {
  const { keys, order, moved } = builtOrder(store, sort);
  // Membership by binary search in the sorted matches: the walk asks about a few thousand works at most,
  // cheaper than marking every one of a million matches first.
  const member = (id: number): boolean => {
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] === id) return true;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  // Works changed since the build, or whose count moved since this order was sorted, are not where the built
  // order has them: merge them in by their current key.
  const current = keys && sort !== 'title' && sort !== 'creator' ? keyArray(store, sort) : null;
  const isOutOfPlace = (id: number) => store.dirty[id] === 1 || moved.has(id);
  const changed = current
    ? sortByKey(
        [...store.dirtyIds, ...[...moved].filter((id) => !store.dirty[id])].filter((id) => member(id)),
        (id) => current[id],
      )
    : new Int32Array(0);
  const out: number[] = [];
  let seen = 0;
  let c = descending ? changed.length - 1 : 0;
  const step = descending ? -1 : 1;
  const before = (a: number, b: number, ka: number, kb: number) =>
    descending ? ka > kb || (ka === kb && a > b) : ka < kb || (ka === kb && a < b);
  for (let i = descending ? order.length - 1 : 0; i >= 0 && i < order.length && out.length < PAGE_SIZE; i += step) {
    const id = order[i];
    // A changed work's title or creator rank is still right here (orderPage checked); its other keys may not be.
    if ((current && isOutOfPlace(id)) || !member(id)) continue;
    while (current && c >= 0 && c < changed.length && before(changed[c], id, current[changed[c]], current[id])) {
      if (seen++ >= offset && out.length < PAGE_SIZE) out.push(changed[c]);
      c += step;
    }
    if (out.length < PAGE_SIZE && seen++ >= offset) out.push(id);
  }
  while (out.length < PAGE_SIZE && c >= 0 && c < changed.length) {
    if (seen++ >= offset) out.push(changed[c]);
    c += step;
  }
  return out;
}
