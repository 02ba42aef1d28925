/**
 * bench/feedback: what kudos and comments cost the pages that show them.
 * Builds, in a fresh archive, two works by one creator: one with N comments
 * in threads (a third start a thread, the rest answer an earlier comment of
 * theirs, up to depth 5) and K kudos (half from member accounts, half from
 * guests), and the same work with no feedback at all. Then, through the real
 * app over HTTP on loopback, measures as a guest the work page of each, the
 * feedback work's comment pages (`/works/:id/comments?page=…`, spread over
 * every page), the two work pages again from the guest page cache (src/pagecache), and posting a comment as members logged in with real
 * sessions, spread over the accounts. Prints median, p95, requests per
 * second, the ratio of the two work pages and the process's memory, with a
 * progress line while it builds. Figures are printed, never asserted.
 *
 *   npm run bench:feedback -- --comments 2000 --kudos 5000 [--seconds 8] [--data-dir DIR]
 *
 * Like bench/api, the rate limiter sees a clock two hours later at every
 * request, so posting measures the work behind a comment, not the limiter.
 * SQLite in DIR (emptied first) by default; PostgreSQL when DATABASE_URL is set
 * (use a scratch database: the bench adds its own users and works to it).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { findDefaultPseud, createUser } from '../src/accounts/queries.ts';
import { hashPassword } from '../src/accounts/passwords.ts';
import { createSession, SESSION_COOKIE } from '../src/accounts/sessions.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { dialectOf } from '../src/db/schema-helpers.ts';
import { PageCache } from '../src/pagecache/page-cache.ts';
import { createApp } from '../src/server.ts';
import { RateLimiter } from '../src/web/rate-limit.ts';
import { createWork } from '../src/works/save-work.ts';
import { blankWorkInput } from '../src/works/work-input.ts';
import { memoryOf, percentile } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '2000' },
    kudos: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '8' },
    'data-dir': { type: 'string' },
  },
});
const commentTotal = Number(args.comments);
const kudosTotal = Number(args.kudos);
const seconds = Number(args.seconds);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-feedback-${commentTotal}-${kudosTotal}`);
const run = Date.now().toString(36);

/** mulberry32: a tiny seeded generator, so every run builds the same threads. */
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

function progress(line: string): void {
  process.stdout.write(`\r${line.padEnd(70)}`);
}

async function makeMembers(db: Db, count: number): Promise<number[]> {
  const passwordHash = await hashPassword('bench password, never used to log in');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const username = `bench${run}r${i}`;
    ids.push((await createUser(db, { username, email: `${username}@example.test`, passwordHash })).id);
    if (i % 100 === 0) progress(`members ${i}/${count}`);
  }
  return ids;
}

async function makeBenchWork(db: Db, creatorId: number, title: string): Promise<number> {
  const pseud = await findDefaultPseud(db, creatorId);
  const input = blankWorkInput({
    title,
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    fandoms: ['Original Work'],
    creatorPseudIds: [pseud.id],
    commentPermission: 'everyone',
  });
  const body = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} of the harbour at dusk, told slowly.</p>`);
  return createWork(db, input, [{ title: '', summary: '', notes: '', endNotes: '', body: body.join('') }], {
    post: true,
    ownerId: creatorId,
  });
}

/** K kudos (members first, then guests) and N comments in threads, with the work's counts, in batches. */
async function addFeedback(db: Db, workId: number, members: number[]): Promise<void> {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const at = (i: number) => new Date(start + i * 60_000).toISOString();
  const memberKudos = Math.min(members.length, Math.floor(kudosTotal / 2));
  for (let i = 0; i < kudosTotal; i += 500) {
    const rows = Array.from({ length: Math.min(500, kudosTotal - i) }, (_, j) => {
      const n = i + j;
      return {
        work_id: workId,
        chapter_id: null,
        user_id: n < memberKudos ? members[n] : null,
        guest_key: n < memberKudos ? null : `bench-guest-${run}-${n}`,
        created_at: at(n),
      };
    });
    await db.insertInto('kudos').values(rows).execute();
    progress(`kudos ${Math.min(i + 500, kudosTotal)}/${kudosTotal}`);
  }
  const random = seeded(20261202);
  const pseuds = new Map<number, number>();
  const threads: { id: number; depth: number; thread: number }[] = [];
  for (let n = 0; n < commentTotal; n++) {
    const userId = members[n % members.length];
    let pseudId = pseuds.get(userId);
    if (pseudId === undefined) pseuds.set(userId, (pseudId = (await findDefaultPseud(db, userId)).id));
    const parent = n % 3 === 0 || !threads.length ? undefined : threads[Math.floor(random() * threads.length)];
    const row = await db
      .insertInto('comments')
      .values({
        work_id: workId,
        chapter_id: null,
        parent_id: parent?.id ?? null,
        thread_id: parent?.thread ?? null,
        depth: parent ? parent.depth + 1 : 0,
        user_id: userId,
        pseud_id: pseudId,
        guest_name: null,
        guest_email: null,
        body: `<p>Comment ${n}: the lighthouse chapter stayed with me.</p>`,
        state: 'published',
        hold_reason: null,
        created_at: at(n),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!parent) await db.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
    const entry = { id: row.id, depth: parent ? parent.depth + 1 : 0, thread: parent?.thread ?? row.id };
    if (entry.depth < 5) threads.push(entry);
    if (n % 100 === 0) progress(`comments ${n}/${commentTotal}`);
  }
  await db
    .updateTable('works')
    .set({ kudos_count: kudosTotal, comments_count: commentTotal })
    .where('id', '=', workId)
    .execute();
  progress(`built: ${commentTotal} comments, ${kudosTotal} kudos`);
  process.stdout.write('\n');
}

async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return server;
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
}

/** One client sends `request(i)` for `seconds` (after a short warm-up); every answer's latency is kept. */
async function measure(name: string, request: (i: number) => Promise<boolean>, warmUp = 10): Promise<Result> {
  let i = 0;
  for (let w = 0; w < warmUp; w++) await request(i++);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    if (!(await request(i++))) errors++;
    latencies.push(performance.now() - t0);
    if (latencies.length % 50 === 0) progress(`${name}: ${latencies.length} requests`);
  }
  progress('');
  process.stdout.write('\r');
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

async function main(): Promise<void> {
  if (!databaseUrl) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = sqliteFileIn(dataDir);
    for (const leftover of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
  }
  const db = openDatabase(databaseUrl ? { url: databaseUrl } : { sqliteFile: sqliteFileIn(dataDir) });
  await migrateToLatest(db);
  const memberCount = Math.max(50, Math.min(1000, Math.floor(kudosTotal / 2)));
  const members = await makeMembers(db, memberCount + 1);
  const creator = members.pop()!;
  const plain = await makeBenchWork(db, creator, 'The Quiet Harbour');
  const busy = await makeBenchWork(db, creator, 'The Busy Harbour');
  await addFeedback(db, busy, members);

  const config = loadConfig({ ...process.env, QUIRE_BASE_URL: 'http://127.0.0.1:3000', QUIRE_DATA_DIR: dataDir });
  let clock = 0;
  const rateLimiter = new RateLimiter(db, () => (clock += 2 * 60 * 60_000));
  // The pages as the routes make them (no guest page cache), and as a guest gets them from the cache.
  const server = await listen(createApp({ db, config, rateLimiter, pageCache: false }));
  const cachedServer = await listen(createApp({ db, config, rateLimiter, pageCache: new PageCache(db) }));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cachedBase = `http://127.0.0.1:${(cachedServer.address() as AddressInfo).port}`;
  const getFrom = (origin: string) => async (p: string) => {
    const response = await fetch(origin + p);
    await response.arrayBuffer();
    return response.status === 200;
  };
  const get = getFrom(base);
  const getCached = getFrom(cachedBase);
  const firstPage = await (await fetch(`${base}/works/${busy}/comments`)).text();
  const pages = Number(/Page 1 of (\d+)/.exec(firstPage)?.[1] ?? 1);

  // Accounts a week old post at the settled accounts' rate (30 comments per window each, src/comments).
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60_000).toISOString();
  await db.updateTable('users').set({ created_at: weekAgo }).where('id', 'in', members).execute();
  const posters = members;
  const cookies = await Promise.all(
    posters.map(async (id) => `${SESSION_COOKIE}=${(await createSession(db, id, 'bench')).token}`),
  );
  const post = async (i: number) => {
    const response = await fetch(`${base}/works/${busy}/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookies[i % cookies.length],
        origin: config.baseUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ body: `Posted in the bench, number ${i}.`, return_to: `/works/${busy}` }),
    });
    await response.arrayBuffer();
    return response.status === 303;
  };

  console.log(
    `bench/feedback — ${commentTotal} comments (${pages} pages) and ${kudosTotal} kudos on one work, ` +
      `${dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite'}, one client, ${seconds} s per class`,
  );
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`);
  const results = [
    await measure('work page, no feedback', () => get(`/works/${plain}`)),
    await measure('work page, feedback', () => get(`/works/${busy}`)),
    await measure('cached page, no feedback', () => getCached(`/works/${plain}`)),
    await measure('cached page, feedback', () => getCached(`/works/${busy}`)),
    await measure('comment pages', (i) => get(`/works/${busy}/comments?page=${1 + ((i * 37) % pages)}`)),
    await measure('post a comment', post),
  ];
  console.log('class                       requests    req/s      p50      p95   errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(26)} ${String(r.requests).padStart(8)} ${r.rps.toFixed(1).padStart(8)} ${r.p50.toFixed(1).padStart(7)}ms ${r.p95.toFixed(1).padStart(7)}ms ${String(r.errors).padStart(8)}`,
    );
  }
  const [without, withFeedback, cachedWithout, cachedWith] = results;
  const ratio = (label: string, a: Result, b: Result) =>
    console.log(`${label}: ${(b.p50 / a.p50).toFixed(2)}× at the median, ${(b.p95 / a.p95).toFixed(2)}× at p95`);
  console.log('');
  ratio('work page with feedback / without, as the routes make it', without, withFeedback);
  ratio('work page with feedback / without, from the guest page cache', cachedWithout, cachedWith);
  const memory = memoryOf(process.pid);
  console.log(
    `memory: ${memory.rss.toFixed(0)} MB RSS, ${memory.peak.toFixed(0)} MB peak (server and client in one process)`,
  );
  server.close();
  cachedServer.close();
  await db.destroy();
}

await main();
