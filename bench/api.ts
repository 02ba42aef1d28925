/**
 * bench/api: requests per second and latency of the JSON API through a real
 * HTTP server, at N works of the AO3-shaped corpus (bench/corpus, loaded
 * through the archive's real write path on first use and reused after):
 * getting one work, and filtered listings (fandom + completion + word range,
 * include + exclude sorted by kudos, fandom + relationship + ratings +
 * language). Each class runs for a set time with a few clients at once.
 *
 *   npm run bench:api -- --works 100000 [--seconds 10] [--concurrency 4] [--seed 1] [--data-dir DIR]
 *
 * Like `quire serve`, listings answer from the in-memory work index
 * (src/search/memory) once it is built; QUIRE_SEARCH_MEMORY=0 measures SQL
 * alone. SQLite in DIR by default; PostgreSQL when DATABASE_URL is set. Figures
 * are printed, never asserted: this is a measurement, not a test.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { dialectOf } from '../src/db/schema-helpers.ts';
import { createApp } from '../src/server.ts';
import { startMemoryIndex } from '../src/search/memory/work-index.ts';
import { RateLimiter } from '../src/web/rate-limit.ts';
import { openLoadedArchive } from './corpus/main.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const seconds = Number(args.seconds);
const concurrency = Math.max(1, Number(args.concurrency));
// Its own directory: a corpus is reloaded into an empty directory, which must not be another bench's.
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-api-${works}`);

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

interface ClassResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `concurrency` clients request `paths` round-robin for `seconds`; latency of every answer is kept. */
async function runClass(base: string, name: string, paths: string[], warmUp = 20): Promise<ClassResult> {
  let next = 0;
  const fetchOne = async () => {
    const response = await fetch(`${base}${paths[next++ % paths.length]}`);
    await response.arrayBuffer();
    return response.status;
  };
  for (let i = 0; i < warmUp; i++) await fetchOne();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await fetchOne();
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function main(): Promise<void> {
  const { db, load } = await openLoadedArchive({
    works,
    seed: Number(args.seed),
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
  });
  const config = loadConfig({ ...process.env, QUIRE_BASE_URL: 'http://127.0.0.1:3000', QUIRE_DATA_DIR: dataDir });
  // Every request sees a fresh rate-limit window: the bench measures the work behind a request, not the limiter.
  let clock = 0;
  const rateLimiter = new RateLimiter(db, () => (clock += 2 * 60 * 60_000));
  // As `quire serve` does: listings answer from the in-memory work index once built (QUIRE_SEARCH_MEMORY=0: SQL only).
  const index = startMemoryIndex(db);
  const indexStarted = Date.now();
  await index?.build();
  if (index?.lastError) throw index.lastError;
  const indexSeconds = (Date.now() - indexStarted) / 1000;
  const app = createApp({ db, config, rateLimiter });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  // Public posted works spread over the whole id range, so caches do not flatter the figures.
  const ids = await db
    .selectFrom('works')
    .select('id')
    .where('status', '=', 'posted')
    .where('is_hidden', '=', 0)
    .where('is_restricted', '=', 0)
    .where(sql<boolean>`id % ${Math.max(1, Math.floor(works / 2000))} = 0`)
    .execute();
  const popular = await db
    .selectFrom('filter_taggings as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .select(['t.name', 't.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.kind', 'in', ['fandom', 'relationship', 'freeform'])
    .where('t.is_canonical', '=', 1)
    .groupBy(['t.id', 't.name', 't.kind'])
    .orderBy('n', 'desc')
    .limit(40)
    .execute();
  const top = (kind: string, i: number) => encodeURIComponent(popular.filter((t) => t.kind === kind)[i]?.name ?? '');
  const lists = [
    `/works?fandom=${top('fandom', 0)}&complete=true&words=1000-50000`,
    `/works?include=${top('freeform', 0)}&exclude=${top('freeform', 1)}&sort=kudos`,
    `/works?fandom=${top('fandom', 1)}&include=${top('relationship', 0)}&rating=General%20Audiences,Teen%20And%20Up%20Audiences&lang=en`,
  ];

  console.log(
    `bench/api — ${works.toLocaleString('en-US')} works on ${dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite'}` +
      `${load ? ` (loaded in ${load.seconds.toFixed(0)} s)` : ''}, ${concurrency} clients, ${seconds} s per class`,
  );
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`);
  console.log(
    index ? `Listings from the in-memory work index (built in ${indexSeconds.toFixed(1)} s)` : 'Listings from SQL only',
  );
  for (const list of lists) console.log(`  list: ${decodeURIComponent(list)}`);
  const results = [
    await runClass(
      base,
      'GET /works/{id}',
      ids.map((r) => `/works/${r.id}`),
    ),
    await runClass(base, 'GET /works (filtered)', lists),
  ];

  console.log('\nclass                    requests     req/s      p50      p95      p99   errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(22)} ${String(r.requests).padStart(10)} ${r.rps.toFixed(1).padStart(9)} ${r.p50.toFixed(1).padStart(7)}ms ${r.p95.toFixed(1).padStart(7)}ms ${r.p99.toFixed(1).padStart(7)}ms ${String(r.errors).padStart(8)}`,
    );
  }
  console.log(
    `\nserver memory: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB RSS (bench clients in the same process)`,
  );
  server.close();
  await db.destroy();
}

await main();
