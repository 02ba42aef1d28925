/**
 * The guest page cache of one process: each page a guest sees (a work, a
 * chapter, the entire work, the works listings) kept as the exact bytes sent
 * (already compressed), keyed by the address and what else changes the bytes
 * (the accepted encoding, the adult-notice cookie). Before every lookup it
 * reads the two change logs (`search_changes`, `page_changes`), as the
 * in-memory work index does (src/search/memory), so a change committed by
 * any process — another `--workers` worker, the CLI — drops that work's pages
 * and every listing before the next guest is answered: a work turned draft,
 * hidden or restricted is never served from here again.
 *
 * A change of counts alone drops pages only when kudos, comments or bookmarks
 * moved: a new hit does not (AO3 too shows hits lazily), so a page's hit
 * count may lag, by at most MAX_AGE_MS. A page whose render began before a
 * drop of its work is not stored, so a slow render never puts old bytes back.
 */
import type { Db } from '../db/database.ts';
import {
  changeLogEnds,
  pageChangesAfter,
  pageChangesIn,
  pruneLoggedPageChanges,
  searchChangesAfter,
  searchChangesIn,
  shownCounters,
  type LoggedChange,
} from './queries.ts';

/** A work's pages live this long at most (how stale its hit count may get). */
export const WORK_PAGE_MAX_AGE_MS = 10 * 60_000;
/** Listings show every work's hits, and change with any work: a shorter life. */
export const LISTING_MAX_AGE_MS = 60_000;
const CHANGE_BATCH = 1_000;
/** A page change logged for work -1 drops every page (a rename); for work 0, every listing (migration 0042). */
const EVERY_PAGE = -1;
/** A gap in a log's ids is a transaction still to commit (PostgreSQL) for this long, then ids never used. */
const GAP_SETTLE_MS = 10_000;

export interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  etag: string;
  lastModified: string;
  storedAt: number;
  workId: number | null;
  /** Set on a page rendered while read replicas may still lag behind a drop of it: it lives only until then. */
  expiresAt?: number;
}

/** One change log followed from a position, with the ids skipped over that may still commit. */
class LogCursor {
  private readonly gaps = new Map<number, number>();
  constructor(
    public position: number,
    private readonly read: (db: Db, after: number, limit: number) => Promise<LoggedChange[]>,
    private readonly readIds: (db: Db, ids: number[]) => Promise<LoggedChange[]>,
  ) {}

  async next(db: Db): Promise<LoggedChange[]> {
    const now = Date.now();
    const found: LoggedChange[] = [];
    if (this.gaps.size) {
      for (const row of await this.readIds(db, [...this.gaps.keys()])) {
        this.gaps.delete(row.id);
        found.push(row);
      }
    }
    for (;;) {
      const rows = await this.read(db, this.position, CHANGE_BATCH);
      for (const row of rows) {
        if (row.id - this.position <= CHANGE_BATCH)
          for (let id = this.position + 1; id < row.id; id++) this.gaps.set(id, now);
        this.position = row.id;
        found.push(row);
      }
      if (rows.length < CHANGE_BATCH) break;
    }
    for (const [id, noticed] of this.gaps) if (now - noticed > GAP_SETTLE_MS) this.gaps.delete(id);
    return found;
  }
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly keysByWork = new Map<number, Set<string>>();
  private bytes = 0;
  /** Drops are numbered; a render remembers the number it began at. */
  private dropCount = 0;
  private readonly workDroppedAt = new Map<number, { at: number; time: number }>();
  private listingsDroppedAt = { at: 0, time: 0 };
  private everythingDroppedAt = { at: 0, time: 0 };
  /** Kudos/comments/bookmarks counts last seen per work, to tell a hit from feedback. */
  private readonly counters = new Map<number, string>();
  private cursors: { search: LogCursor; page: LogCursor } | null = null;
  /** The archive's settings the kept pages were rendered with (every page shows some: name, banner…). */
  private settings: object | null = null;
  /** The read the requests of this turn of the event loop wait for (not begun yet), and the one under way. */
  private waiting: Promise<void> | null = null;
  private reading: Promise<void> = Promise.resolve();
  private lastPrune = Date.now();
  readonly stats = { hits: 0, misses: 0, stored: 0, dropped: 0 };

  /**
   * `replicaLagMs`: with read replicas (DATABASE_REPLICA_URLS), a page rendered this long after a drop of it
   * may have read a replica that has not yet replayed the change the drop was for — it is kept only until
   * then, so the next guest after it gets the page as the replica has it by now.
   */
  constructor(
    private readonly db: Db,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly replicaLagMs = 0,
  ) {}

  /** The position a render begins at: what `store` compares drops with. */
  get generation(): number {
    return this.dropCount;
  }

  /**
   * Reads both change logs up to now and drops what they name. Every request that arrives in one turn of the
   * event loop shares one read, begun after all of them arrived (so it sees whatever had committed when each
   * came): under load, one read answers a batch of guests instead of one each. A request that comes while a
   * read is under way waits for the next, since that read may have begun before its changes committed.
   */
  sync(): Promise<void> {
    this.waiting ??= (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.reading; // one read at a time: the cursors are shared
      this.waiting = null;
      const read = this.catchUp();
      this.reading = read.catch(() => undefined);
      await read;
    })();
    return this.waiting;
  }

  private async catchUp(): Promise<void> {
    if (!this.cursors) {
      const ends = await changeLogEnds(this.db);
      this.cursors = {
        search: new LogCursor(ends.search, searchChangesAfter, searchChangesIn),
        page: new LogCursor(ends.page, pageChangesAfter, pageChangesIn),
      };
      // What the logs held before now is taken as seen; a replica may not have replayed it yet (replicaLagMs).
      this.everythingDroppedAt = { at: this.dropCount, time: Date.now() };
      return;
    }
    const changes = [...(await this.cursors.search.next(this.db)), ...(await this.cursors.page.next(this.db))];
    const counted = new Set<number>();
    for (const change of changes) {
      if (change.work_id === EVERY_PAGE) this.dropEverything();
      else if (change.counters_only) counted.add(change.work_id);
      else this.dropWork(change.work_id);
    }
    if (counted.size) {
      const now = await shownCounters(this.db, [...counted]);
      for (const id of counted) {
        const shown = now.get(id) ?? 'gone';
        if (this.counters.get(id) === shown) continue; // only its hits moved
        this.counters.set(id, shown);
        this.dropWork(id);
      }
      if (this.counters.size > 100_000) this.dropEverything();
    }
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await pruneLoggedPageChanges(this.db, new Date(Date.now() - 86_400_000).toISOString());
    }
  }

  /**
   * Drops every page when the archive's settings are a new snapshot: the settings store (src/settings/store.ts)
   * replaces its snapshot only when the settings' version moved — a save here, or in another process, seen
   * within the store's refresh interval, as every page rendered anywhere sees it.
   */
  noteSettings(snapshot: object): void {
    if (this.settings === snapshot) return;
    if (this.settings !== null) this.dropEverything();
    this.settings = snapshot;
  }

  /**
   * Remembers a work's kudos, comment and bookmark counts before its page is first rendered, so the hit
   * that render counts (a counters-only change) is known for a hit, not feedback.
   */
  async noteCounters(workId: number): Promise<void> {
    if (this.counters.has(workId)) return;
    const shown = (await shownCounters(this.db, [workId])).get(workId);
    if (shown !== undefined && !this.counters.has(workId)) this.counters.set(workId, shown);
  }

  /** Drops a work's pages and every listing (which may show it). */
  dropWork(workId: number): void {
    const drop = { at: ++this.dropCount, time: Date.now() };
    this.workDroppedAt.set(workId, drop);
    this.listingsDroppedAt = drop;
    if (this.workDroppedAt.size > 100_000) this.dropEverything();
    for (const key of this.keysByWork.get(workId) ?? []) this.remove(key);
    this.keysByWork.delete(workId);
    for (const key of this.keysByWork.get(0) ?? []) this.remove(key);
    this.keysByWork.delete(0);
  }

  /** Forgets every page (and every count it knew). */
  dropEverything(): void {
    this.everythingDroppedAt = { at: ++this.dropCount, time: Date.now() };
    this.listingsDroppedAt = this.everythingDroppedAt;
    this.workDroppedAt.clear();
    this.counters.clear();
    for (const key of [...this.entries.keys()]) this.remove(key);
    this.keysByWork.clear();
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    const maxAge = entry.workId === null ? LISTING_MAX_AGE_MS : WORK_PAGE_MAX_AGE_MS;
    const now = Date.now();
    if (now - entry.storedAt > maxAge || (entry.expiresAt !== undefined && now >= entry.expiresAt)) {
      this.remove(key);
      this.stats.misses++;
      return undefined;
    }
    // Least recently used last: re-inserting moves it to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry;
  }

  /** Keeps a page rendered from `generation` on, unless its work (or any listing's) was dropped since. */
  store(key: string, entry: CachedPage, generation: number): boolean {
    const drop = entry.workId === null ? this.listingsDroppedAt : this.workDroppedAt.get(entry.workId);
    if (this.everythingDroppedAt.at > generation || (drop?.at ?? 0) > generation) return false;
    const droppedAt = Math.max(this.everythingDroppedAt.time, drop?.time ?? 0);
    if (this.replicaLagMs > 0 && Date.now() - droppedAt < this.replicaLagMs) {
      entry.expiresAt = droppedAt + this.replicaLagMs;
    }
    if (entry.body.byteLength > this.maxBytes / 16) return false;
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    const group = entry.workId ?? 0;
    const keys = this.keysByWork.get(group) ?? new Set<string>();
    keys.add(key);
    this.keysByWork.set(group, keys);
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
    this.stats.stored++;
    return true;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.byteLength;
    this.keysByWork.get(entry.workId ?? 0)?.delete(key);
    this.stats.dropped++;
  }

  get size(): number {
    return this.entries.size;
  }
}
