/**
 * The in-memory work index of one process: built in the background when
 * the server starts (listings use the SQL builder until it is ready), kept
 * current from the change log before each answer, rebuilt in the
 * background once many works have changed. It answers the structured part
 * of a listing — which works, how many, facet counts, the page order — in
 * milliseconds at a million works; the database still supplies full-text
 * matches, a pseud's works, an unwrangled tag's works and the blurbs.
 */
import type { Db } from '../../db/database.ts';
import type { SearchPlan } from '../plan.ts';
import { FACET_KINDS } from '../plan-queries.ts';
import { buildWorkStore, ChangeCursor } from './build.ts';
import { matchingIds, type ExternalLists, type MemoryAnswer } from './evaluate.ts';
import { countFacets } from './facets.ts';
import { orderByKeys, orderPage } from './order.ts';
import { findTextMatches, namedWorkIdsByUsers, rankWorks, workIdsTypedWith } from './queries.ts';
import { scopesIn } from '../scopes/registry.ts';
import { dialectOf } from '../../db/schema-helpers.ts';
import { FLAG, type WorkStore } from './work-store.ts';

/** Past this many changed works (and 2% of all), a fresh build replaces the patched one. */
const REBUILD_AFTER = 20_000;

const sorted = (ids: number[]) => Int32Array.from(ids).sort();

export class WorkIndex {
  private store: WorkStore | null = null;
  private cursor: ChangeCursor | null = null;
  private building: Promise<void> | null = null;
  private syncing: Promise<unknown> | null = null;
  /** How long the last build took, in ms. */
  buildMs = 0;
  /**
   * Works caught up since the last build: re-read whole (their facts changed) or only their counts
   * (kudos, comments, bookmarks, hits), which leaves their filter tags and most orders alone.
   */
  readonly caughtUp = { reloaded: 0, countersPatched: 0 };
  lastError: unknown = null;

  constructor(private readonly db: Db) {}

  get isReady(): boolean {
    return this.store !== null;
  }

  /** How many works the index holds (0 until built). */
  get workCount(): number {
    const flags = this.store?.flags;
    let count = 0;
    if (flags) for (let id = 0; id < flags.length; id++) if (flags[id]! & FLAG.exists) count++;
    return count;
  }

  /** The last change-log id applied, or null until built. */
  get changePosition(): number | null {
    return this.cursor?.position ?? null;
  }

  /** Starts a build (unless one runs); resolves when it is done. */
  build(): Promise<void> {
    this.building ??= (async () => {
      const started = Date.now();
      try {
        const { store, changeFloor } = await buildWorkStore(this.db);
        const cursor = new ChangeCursor(changeFloor);
        await cursor.catchUp(this.db, store);
        this.store = store;
        this.caughtUp.reloaded = this.caughtUp.countersPatched = 0;
        this.cursor = cursor;
        this.buildMs = Date.now() - started;
      } catch (error) {
        this.lastError = error;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  /** Applies committed changes; several requests at once share one catch-up. */
  private async sync(): Promise<void> {
    if (!this.store || !this.cursor) return;
    this.syncing ??= this.cursor
      .catchUp(this.db, this.store)
      .then(({ reloaded, countersPatched }) => {
        this.caughtUp.reloaded += reloaded;
        this.caughtUp.countersPatched += countersPatched;
      })
      .finally(() => (this.syncing = null));
    await this.syncing;
    const changed = this.store.dirtyIds.length;
    if (changed > REBUILD_AFTER && changed > this.store.capacity * 0.02 && !this.building) void this.build();
  }

  /** The plan's total, facets and page from memory, or null while the index is not built. */
  async answer(plan: SearchPlan, facetSize: number, withFacets: boolean): Promise<MemoryAnswer | null> {
    if (!this.store) return null;
    await this.sync();
    const store = this.store;
    // PostgreSQL ranks each matching row on five columns: ranking only the works left after the other
    // filters (often a handful, e.g. within a fandom) is much cheaper than ranking every text match.
    const rankLater = dialectOf(this.db) === 'postgres' && plan.sort === 'relevance';
    const external = await this.externalLists(plan, !rankLater);
    let ids = matchingIds(store, plan, external);
    let rankOf = external.rankOf;
    if (rankLater && plan.text.some((c) => !c.isExcluded)) {
      ids = ids.slice(); // the matches live in a shared working array; keep them across the await
      rankOf = await rankWorks(this.db, plan.text, ids);
    }
    return {
      total: ids.length,
      facets: withFacets ? countFacets(store, ids, FACET_KINDS, facetSize) : [],
      pageIds: external.scopeKeys ? orderByKeys(plan, ids, external.scopeKeys) : orderPage(store, plan, ids, rankOf),
    };
  }

  private async externalLists(plan: SearchPlan, withRank: boolean): Promise<ExternalLists> {
    const lists: ExternalLists = { mustBeIn: [], mustNotBeIn: [], scopeTags: [], scopeRatings: [], rankOf: null };
    const { scope } = plan;
    for (const applied of scopesIn(scope)) {
      const candidates = await applied.candidates(this.db);
      if (candidates.ids) lists.mustBeIn.push(candidates.ids);
      if (applied.sort?.key === plan.sort && candidates.sortKeys) lists.scopeKeys = candidates.sortKeys;
      if (candidates.filterTags) lists.scopeTags.push(...candidates.filterTags);
      if (candidates.ratings) lists.scopeRatings.push(candidates.ratings);
    }
    for (const tag of plan.includeTags) {
      if (tag.through === 'taggings') lists.mustBeIn.push(sorted(await workIdsTypedWith(this.db, tag.tagId)));
    }
    for (const tag of plan.excludeTags) {
      if (tag.through === 'taggings') lists.mustNotBeIn.push(sorted(await workIdsTypedWith(this.db, tag.tagId)));
    }
    const blocklist = scope.blocklist;
    if (blocklist) {
      for (const tag of blocklist.tags) {
        if (tag.through === 'taggings')
          lists.mustNotBeIn.push(Int32Array.from(await workIdsTypedWith(this.db, tag.tagId)));
      }
      if (blocklist.userIds.length)
        lists.mustNotBeIn.push(Int32Array.from(await namedWorkIdsByUsers(this.db, blocklist.userIds)));
    }
    if (plan.text.length) {
      const matches = await findTextMatches(this.db, plan.text, withRank && plan.sort === 'relevance');
      if (matches.ids) lists.mustBeIn.push(sorted(matches.ids));
      if (matches.excluded) lists.mustNotBeIn.push(Int32Array.from(matches.excluded));
      if (matches.ids && matches.ranks) {
        const ranks = matches.ranks;
        lists.rankOf = new Map(matches.ids.map((id, i) => [id, ranks[i]]));
      }
    }
    return lists;
  }
}

const indexes = new WeakMap<Db, WorkIndex>();
const sharedWith = new WeakMap<Db, Db>();

/** The database's in-memory index, if this process keeps one (a replica's handle answers with its primary's). */
export function memoryIndexOf(db: Db): WorkIndex | undefined {
  return indexes.get(db) ?? indexes.get(sharedWith.get(db) ?? db);
}

/** Listings read through `replica` (a streaming copy of `primary`) use `primary`'s index. */
export function shareMemoryIndex(replica: Db, primary: Db): void {
  sharedWith.set(replica, primary);
}

/**
 * Keeps an in-memory index of `db`'s works in this process (building it in
 * the background) unless QUIRE_SEARCH_MEMORY=0. Listings use it once built.
 */
export function startMemoryIndex(db: Db): WorkIndex | undefined {
  if (process.env.QUIRE_SEARCH_MEMORY === '0') return undefined;
  let index = indexes.get(db);
  if (!index) {
    index = new WorkIndex(db);
    indexes.set(db, index);
    void index.build();
  }
  return index;
}
