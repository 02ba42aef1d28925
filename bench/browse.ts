/**
 * bench/browse: how fast readers can find works, through the whole HTTP
 * stack, at N works of the AO3-shaped corpus (bench/corpus: generated,
 * loaded through the real write path on first use, reused after). A real
 * server runs in its own process on loopback; each class of the fixed mix
 * (one-tag listing; fandom + relationship + two excludes + complete + word
 * range; rating + warnings excluded + language; two words of text within a
 * fandom; page 200; facet counts for a broad tag) runs for a set time with a
 * few clients at once. Prints p50/p95/p99, requests per second, the
 * server's memory and the load time. Figures are printed, never asserted.
 * `--scope collection` measures the largest of 1,000 collections against a
 * tag listing of the same size instead (bench/browse-collections.ts), on the
 * in-memory index and on the SQL path.
 *
 *   npm run bench:browse -- --works 100000 [--seconds 10] [--concurrency 2] [--seed 1] [--data-dir DIR] [--cpu-prof DIR]
 *   npm run bench:browse -- --works 100000 --scope collection [--seconds 10]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set (an empty database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dialectOf } from '../src/db/schema-helpers.ts';
import { sqliteFileIn } from '../src/db/connect.ts';
import { chooseCollectionScope } from './browse-collections.ts';
import { chooseMix, type MixClass } from './browse-mix.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { memoryOf, percentile, startServer } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '2' },
    'data-dir': { type: 'string' },
    /** Writes a V8 CPU profile of the server into this directory (open it in Chrome's DevTools). */
    'cpu-prof': { type: 'string' },
    /** `mix` (the fixed mix) or `collection` (the largest collection against a tag of its size). */
    scope: { type: 'string', default: 'mix' },
  },
});
const works = Number(args.works);
const seconds = Number(args.seconds);
const concurrency = Math.max(1, Number(args.concurrency));
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-browse-${works}`);

interface ClassResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

async function runClass(base: string, mix: MixClass): Promise<ClassResult> {
  let next = 0;
  const fetchOne = async () => {
    const response = await fetch(`${base}${mix.paths[next++ % mix.paths.length]}`, { redirect: 'manual' });
    await response.arrayBuffer();
    return response.status;
  };
  for (const _ of mix.paths) await fetchOne(); // warm each URL once
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
    name: mix.name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

function machineLine(): string {
  return `Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

const row = (r: ClassResult, memory?: string) =>
  `| ${r.name} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |${memory ?? ''}`;

/** The collection scope: the largest collection's listing against a tag's of its size, in memory and on SQL. */
async function collectionScope(): Promise<void> {
  const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const dialect = dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const started = performance.now();
  const scope = await chooseCollectionScope(db, works, Number(args.seed));
  const setupSeconds = (performance.now() - started) / 1000;
  await db.destroy();
  const lines: string[] = [];
  for (const [path, env] of [
    ['in-memory index', {}],
    ['SQL path (QUIRE_SEARCH_MEMORY=0)', { QUIRE_SEARCH_MEMORY: '0' }],
  ] as const) {
    const server = await startServer({ dataDir, databaseUrl, cpuProfileDir: args['cpu-prof'], env });
    try {
      const [collection, tag] = [
        await runClass(server.base, scope.classes[0]),
        await runClass(server.base, scope.classes[1]),
      ];
      const memory = memoryOf(server.pid);
      lines.push(`| **${path}** | | | | | | | |`);
      lines.push(row(collection, ` ${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)}) |`));
      lines.push(row(tag, ' |'));
      lines.push(
        `| ratio collection / tag | | ${(collection.rps / tag.rps).toFixed(2)} | ${(collection.p50 / tag.p50).toFixed(2)} | **${(collection.p95 / tag.p95).toFixed(2)}** | ${(collection.p99 / tag.p99).toFixed(2)} | | |`,
      );
    } finally {
      server.stop();
    }
  }
  console.log(
    `\nbench/browse --scope collection — ${works.toLocaleString('en-US')} works on ${dialect}, ${concurrency} clients, ${seconds} s per class`,
  );
  console.log(machineLine());
  console.log(
    `${scope.collections.count} collections, ${scope.collections.items.toLocaleString('en-US')} items (Zipf sizes; set up in ${setupSeconds.toFixed(0)} s, reused after); ` +
      `largest ${scope.collections.largest.name} (${scope.collections.largest.works} works), tag ${scope.tag.name} (${scope.tag.works} works)\n`,
  );
  console.log('| class | requests | req/s | p50 ms | p95 ms | p99 ms | errors | server memory |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const line of lines) console.log(line);
  console.log('\nURLs:');
  for (const entry of scope.classes) console.log(`  ${entry.name}: ${entry.paths.join(' ')}`);
}

async function main(): Promise<void> {
  if (args.scope === 'collection') return collectionScope();
  const { db, load } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const dialect = dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const mix = await chooseMix(db);
  await db.destroy();
  const size = databaseUrl ? null : fs.statSync(sqliteFileIn(dataDir)).size / 1024 / 1024;

  const server = await startServer({ dataDir, databaseUrl, cpuProfileDir: args['cpu-prof'] });
  const results: ClassResult[] = [];
  try {
    for (const entry of mix) results.push(await runClass(server.base, entry));
    const memory = memoryOf(server.pid);
    console.log(
      `\nbench/browse — ${works.toLocaleString('en-US')} works on ${dialect}, ${concurrency} clients, ${seconds} s per class`,
    );
    console.log(machineLine());
    console.log(
      `load: ${load ? `${load.seconds.toFixed(0)} s (${load.works} works, ${load.tags} tags)` : 'reused'}${size ? `, database ${size.toFixed(0)} MB` : ''}`,
    );
    console.log(
      `in-memory work index built in ${(server.indexMs / 1000).toFixed(1)} s at server start (QUIRE_SEARCH_MEMORY=0: none)`,
    );
    console.log(`server memory: ${memory.rss.toFixed(0)} MB resident now, ${memory.peak.toFixed(0)} MB at peak\n`);
    console.log('| class | requests | req/s | p50 ms | p95 ms | p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of results) console.log(row(r));
    console.log('\nURLs:');
    for (const entry of mix)
      console.log(`  ${entry.name}: ${decodeURIComponent(entry.paths[0])} (+${entry.paths.length - 1} more)`);
  } finally {
    server.stop();
  }
}

await main();
