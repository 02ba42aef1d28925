/**
 * bench/library: what a reader's library costs at scale. On the corpus of
 * `--works N` (bench/corpus, loaded once per data directory), adds
 * `--bookmarks` bookmarks, `--subscriptions` subscriptions with a day's
 * postings (`--updates` chapter updates) and `--history` readings rows over
 * the corpus's accounts, one heavy reader holding a large share of each.
 * Then measures, in this process against the database (no HTTP):
 *
 * - bookmark listings with their facet counts (`listBookmarks` + `countBookmarkFacets`): the heavy bookmarker's
 *   own page and someone else's view of it, the archive's recent public bookmarks filtered by rating and recs, as
 *   a guest, and the same unfiltered (`/bookmarks` as first opened; every public bookmark in its counts);
 * - the heavy reader's history as its listing finds it, with facets, on SQL
 *   and through the in-memory index: no filter, and a rating filter with a
 *   search word (`findWorks` with the `readingsOf` scope, plus the page's
 *   blurbs and readings lines);
 * - one run of the subscription digest job over the day's postings
 *   (`queueSubscriptionMails`).
 *
 * Prints median, p95, throughput and memory. Figures are printed, never asserted.
 *
 *   npm run bench:library -- --works 100000 [--history 500000] [--bookmarks 200000] [--subscriptions 50000]
 *     [--runs 60] [--data-dir DIR]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set (a scratch database, vacuumed and analyzed
 * after the library is added, as autovacuum soon would).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type KyselyPlugin } from 'kysely';
import { dialectOf } from '../src/db/schema-helpers.ts';
import {
  NO_FILTERS,
  countBookmarkFacets,
  listBookmarks,
  type BookmarkListingAsk,
} from '../src/bookmarks/listing-queries.ts';
import { GUEST_AUDIENCE, MEMBER_AUDIENCE } from '../src/visibility/index.ts';
import type { Db } from '../src/db/database.ts';
import { findReadings } from '../src/readings/queries.ts';
import { findWorks } from '../src/search/find-works.ts';
import { parseFilters } from '../src/search/form.ts';
import { startMemoryIndex } from '../src/search/memory/work-index.ts';
import type { ListingScope } from '../src/search/plan.ts';
import { queueSubscriptionMails } from '../src/subscriptions/notice-mail.ts';
import { loadBlurbs } from '../src/works/listing-queries.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { percentile } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    history: { type: 'string', default: '500000' },
    bookmarks: { type: 'string', default: '200000' },
    subscriptions: { type: 'string', default: '50000' },
    updates: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '60' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const runs = Number(args.runs);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-library-${works}`);

/** mulberry32: the same library every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertBatches<T>(
  label: string,
  total: number,
  make: (i: number) => T | null,
  insert: (rows: T[]) => Promise<unknown>,
) {
  let batch: T[] = [];
  for (let i = 0; i < total; i++) {
    const row = make(i);
    if (row) batch.push(row);
    if (batch.length === 1000 || i === total - 1) {
      if (batch.length) await insert(batch);
      batch = [];
      if (i % 20000 === 0 || i === total - 1) process.stdout.write(`\r${label} ${i + 1}/${total}`.padEnd(60));
    }
  }
  process.stdout.write('\n');
}

/** Each (reader, work) pair once: a reader's i-th row is a work drawn without repeats from a stride walk. */
function pairOf(i: number, readers: number[], workIds: number[], heavyShare: number, heavyCount: number) {
  const heavyRows = Math.min(Math.floor(heavyShare), heavyCount);
  if (i < heavyRows) return { userId: readers[0], workId: workIds[(i * 7919) % workIds.length] };
  const j = i - heavyRows;
  const reader = 1 + (j % (readers.length - 1));
  const k = Math.floor(j / (readers.length - 1));
  return { userId: readers[reader], workId: workIds[(reader * 104729 + k * 15485863) % workIds.length] };
}

async function fillLibrary(db: Db, readers: number[], workIds: number[]) {
  const already = await db
    .selectFrom('readings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(already.n) > 0) {
    console.log('Reusing the library already added.');
    return;
  }
  const random = seeded(20261203);
  const at = (i: number) => new Date(Date.parse('2026-06-01T00:00:00Z') + i * 1000).toISOString();
  const seen = new Set<string>();
  const pseuds = new Map(
    (
      await db
        .selectFrom('pseuds')
        .select(['id', 'user_id'])
        .where('is_default', '=', 1)
        .where('user_id', 'in', readers)
        .execute()
    ).map((p) => [p.user_id, p.id]),
  );
  const history = Number(args.history);
  await insertBatches(
    'history',
    history,
    (i) => {
      const { userId, workId } = pairOf(i, readers, workIds, history * 0.02, workIds.length);
      const key = `${userId}:${workId}`;
      if (seen.has(key)) return null;
      seen.add(key);
      const status = random() < 0.2 ? (['reading', 'finished', 'on-hold', 'dropped'] as const)[i % 4] : null;
      return {
        user_id: userId,
        work_id: workId,
        visited_at: at(i),
        visit_count: 1 + (i % 5),
        chapters_seen: 1,
        is_marked_for_later: random() < 0.05 ? 1 : 0,
        status,
        rating: status ? 1 + (i % 5) : null,
      };
    },
    (rows) => db.insertInto('readings').values(rows).execute(),
  );
  seen.clear();
  const bookmarks = Number(args.bookmarks);
  await insertBatches(
    'bookmarks',
    bookmarks,
    (i) => {
      const { userId, workId } = pairOf(i, readers, workIds, bookmarks * 0.01, workIds.length);
      const key = `${userId}:${workId}`;
      const pseudId = pseuds.get(userId);
      if (seen.has(key) || !pseudId) return null;
      seen.add(key);
      return {
        work_id: workId,
        pseud_id: pseudId,
        user_id: userId,
        notes: i % 3 ? '' : 'Kept for the storm chapter.',
        is_rec: i % 7 === 0 ? 1 : 0,
        is_private: i % 11 === 0 ? 1 : 0,
        created_at: at(i),
        updated_at: at(i),
      };
    },
    (rows) => db.insertInto('bookmarks').values(rows).execute(),
  );
  seen.clear();
  const subscriptions = Number(args.subscriptions);
  await insertBatches(
    'subscriptions',
    subscriptions,
    (i) => {
      const { userId, workId } = pairOf(i, readers, workIds, 0, 0);
      const key = `${userId}:${workId}`;
      if (seen.has(key)) return null;
      seen.add(key);
      return { user_id: userId, kind: 'work' as const, target_id: workId, created_at: at(i) };
    },
    (rows) => db.insertInto('subscriptions').values(rows).execute(),
  );
  const subscribers = [...new Set([...seen].map((k) => Number(k.split(':')[0])))];
  await insertBatches(
    'subscribers',
    subscribers.length,
    (i) => ({
      user_id: subscribers[i],
      frequency: 'daily' as const,
      last_update_id: 0,
      checked_at: null,
      feed_token: null,
    }),
    (rows) => db.insertInto('subscription_readers').values(rows).execute(),
  );
  // What autovacuum would soon do to tables this freshly filled: statistics for the planner, and the visibility
  // map that lets PostgreSQL answer from an index alone. (SQLite's plans here do not lean on statistics.)
  if (dialectOf(db) === 'postgres') {
    console.log('vacuum analyze…');
    await sql`vacuum analyze`.execute(db);
  }
}

/** A day's postings: chapter updates of subscribed works (half) and of others, not yet mailed. */
async function addDayOfUpdates(db: Db, workIds: number[]) {
  await db.deleteFrom('subscription_sent').execute();
  await db.deleteFrom('subscription_updates').execute();
  await db.updateTable('subscription_readers').set({ last_update_id: 0, checked_at: null }).execute();
  const subscribed = (
    await db.selectFrom('subscriptions').select('target_id').limit(Number(args.updates)).execute()
  ).map((r) => r.target_id);
  const chapters = new Map(
    (
      await db
        .selectFrom('chapters')
        .select(['work_id', 'id'])
        .where('position', '=', 1)
        .where('work_id', 'in', subscribed.length ? subscribed : [-1])
        .execute()
    ).map((c) => [c.work_id, c.id]),
  );
  const updates = Number(args.updates);
  await insertBatches(
    'a day of postings',
    updates,
    (i) => {
      const workId = i % 2 === 0 && subscribed[i] ? subscribed[i] : workIds[(i * 31) % workIds.length];
      return {
        work_id: workId,
        chapter_id: chapters.get(workId) ?? null,
        posted_at: new Date(Date.parse('2026-12-03T00:00:00Z') + i * 40_000).toISOString(),
      };
    },
    (rows) => db.insertInto('subscription_updates').values(rows).execute(),
  );
}

async function time(label: string, run: () => Promise<unknown>, times = runs) {
  await run(); // warm
  const ms: number[] = [];
  const started = performance.now();
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  const total = (performance.now() - started) / 1000;
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} median ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms  ${(times / total).toFixed(1).padStart(6)}/s`,
  );
}

const passThrough: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => a.result };

async function main() {
  const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const workIds = (
    await db.selectFrom('works').select('id').where('status', '=', 'posted').orderBy('id').execute()
  ).map((w) => w.id);
  const readers = (await db.selectFrom('users').select('id').orderBy('id').limit(10_000).execute()).map((u) => u.id);
  await fillLibrary(db, readers, workIds);
  const heavy = readers[0];
  const count = async (table: 'readings' | 'bookmarks' | 'subscriptions', userId?: number) => {
    let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  console.log(
    `${databaseUrl ? 'PostgreSQL' : 'SQLite'}: ${workIds.length} works, ${await count('readings')} readings rows (heavy reader ${await count('readings', heavy)}), ` +
      `${await count('bookmarks')} bookmarks (heavy ${await count('bookmarks', heavy)}), ${await count('subscriptions')} subscriptions`,
  );

  const bookmarkListing = (ask: BookmarkListingAsk) => () =>
    Promise.all([listBookmarks(db, ask), countBookmarkFacets(db, ask)]);
  const own = { scope: { userId: heavy }, audience: MEMBER_AUDIENCE, isOwner: true, hides: null };
  await time('user bookmarks page 1 with facets (owner)', bookmarkListing({ ...own, filters: NO_FILTERS }));
  await time(
    'user bookmarks page 5 with facets (someone else)',
    bookmarkListing({ ...own, isOwner: false, filters: { ...NO_FILTERS, page: 5 } }),
  );
  await time(
    'recent public bookmarks, rated General + recs only, with facets (guest)',
    bookmarkListing({
      scope: {},
      audience: GUEST_AUDIENCE,
      isOwner: false,
      hides: null,
      filters: { ...NO_FILTERS, ratings: ['General Audiences'], recOnly: true },
    }),
  );
  // `/bookmarks` as a guest first finds it: every public bookmark counted for the sidebar. Seconds, so 5 runs.
  await time(
    'recent public bookmarks, no filter, with facets (guest; 5 runs)',
    bookmarkListing({ scope: {}, audience: GUEST_AUDIENCE, isOwner: false, hides: null, filters: NO_FILTERS }),
    Math.min(runs, 5),
  );

  const member = { includeRestricted: true } as const;
  const viewer = { id: heavy };
  const historyPage = (handle: Db, query: string) => async () => {
    const { filters } = parseFilters(new URLSearchParams(query));
    const scope: ListingScope = { ...member, readingsOf: { userId: heavy, list: 'history' } };
    const found = await findWorks(handle, filters, scope);
    await Promise.all([loadBlurbs(handle, found.workIds), findReadings(handle, viewer.id, found.workIds)]);
  };
  await time('history, SQL: no filter (facets, blurbs, readings)', historyPage(db, ''));
  await time('history, SQL: rating=General Audiences', historyPage(db, 'rating=General+Audiences'));
  await time('history, SQL: rating + search word', historyPage(db, 'rating=General+Audiences&q=the'));
  const indexed = db.withPlugin(passThrough);
  const index = startMemoryIndex(indexed);
  if (index) {
    const t0 = performance.now();
    await index.build();
    if (!index.isReady) throw new Error(`the index did not build: ${String(index.lastError)}`);
    console.log(`in-memory index built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await time('history, memory index: no filter', historyPage(indexed, ''));
    await time('history, memory index: rating=General Audiences', historyPage(indexed, 'rating=General+Audiences'));
  }

  await addDayOfUpdates(db, workIds);
  const t0 = performance.now();
  const mails = await queueSubscriptionMails(
    db,
    { baseUrl: 'http://localhost:3000', archiveName: 'Quire' },
    new Date('2026-12-04T06:00:00Z'),
  );
  console.log(
    `digest run over ${args.updates} postings: ${mails} mails queued in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const mem = process.memoryUsage();
  console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MB`);
  await db.destroy();
}

await main();
