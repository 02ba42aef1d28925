/**
 * bench/counters: whether listings stay fast while kudos pour in. The real
 * server (bench/browse-server.ts, with its in-memory work index) answers a
 * rotation of listings — sorted by kudos, filtered by `kudos>=N`, a tag's
 * works, page 50 — first on a quiet archive, then while another process on
 * its own connection (bench/counters-bumper.ts) gives kudos at a steady rate.
 * Prints median, p95, p99, requests per second and the server's memory for
 * both, the ratio of the p95s, and what the index caught up meanwhile (works
 * re-read whole against counts patched). Figures are printed, never asserted.
 *
 *   npm run bench:counters -- --works 100000 [--kudos-per-second 1000] [--seconds 20] [--seed 1]
 *     [--data-dir DIR] [--touch-facts]
 *
 * --touch-facts makes every kudos also set a fact column to itself, which logs
 * a fact change as every update of `works` did before migration 0012.
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chooseMix } from './browse-mix.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { memoryOf, percentile, startServer, type BenchServer } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '20' },
    'kudos-per-second': { type: 'string', default: '1000' },
    'data-dir': { type: 'string' },
    'touch-facts': { type: 'boolean', default: false },
  },
});
const works = Number(args.works);
const seconds = Number(args.seconds);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-browse-${works}`);

interface Phase {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  rss: number;
  peak: number;
}

async function listFor(server: BenchServer, paths: string[], name: string): Promise<Phase> {
  let next = 0;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    const response = await fetch(`${server.base}${paths[next++ % paths.length]}`, { redirect: 'manual' });
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (response.status !== 200) errors++;
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const memory = memoryOf(server.pid);
  return {
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    ...memory,
  };
}

function startBumper(): Promise<{ stop: () => Promise<{ given: number; seconds: number }> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('bench/counters-bumper.ts'),
      '--per-second',
      args['kudos-per-second'],
      ...(args['touch-facts'] ? ['--touch-facts'] : []),
    ],
    {
      env: { ...process.env, QUIRE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the kudos process exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('bumping')) return;
      output = '';
      child.removeAllListeners('exit');
      resolve({
        stop: () =>
          new Promise((done) => {
            child.stdout!.on('data', (more: Buffer) => (output += more.toString()));
            child.once('exit', () => {
              const [, given, took] = /given (\d+) ([\d.]+)/.exec(output) ?? [];
              done({ given: Number(given), seconds: Number(took) });
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

async function main(): Promise<void> {
  const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const oneTag = (await chooseMix(db))[0].paths.slice(0, 4);
  // A kudos threshold a few percent of works reach, so `kudos>=N` is a real filter.
  const threshold = await db
    .selectFrom('works')
    .select('kudos_count')
    .orderBy('kudos_count', 'desc')
    .offset(Math.floor(works * 0.05))
    .limit(1)
    .executeTakeFirst();
  await db.destroy();
  const kudos = threshold?.kudos_count ?? 100;
  const paths = [
    '/works?sort=kudos',
    `/works?q=${encodeURIComponent(`kudos>=${kudos}`)}`,
    '/works?sort=kudos&page=50',
    ...oneTag.flatMap((p) => [`${p}?sort=kudos`, p]),
    '/works',
  ];

  const server = await startServer({ dataDir, databaseUrl });
  try {
    for (const p of paths) await (await fetch(`${server.base}${p}`)).arrayBuffer(); // warm each URL once
    const quiet = await listFor(server, paths, 'quiet');
    const before = await server.askCaughtUp();
    const bumper = await startBumper();
    const busy = await listFor(server, paths, `${args['kudos-per-second']} kudos/s`);
    const bumped = await bumper.stop();
    const after = await server.askCaughtUp();

    const dialect = databaseUrl ? 'PostgreSQL' : 'SQLite';
    console.log(
      `\nbench/counters — ${works.toLocaleString('en-US')} works on ${dialect}, 1 client, ${seconds} s a phase`,
    );
    console.log(
      `Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `kudos given: ${bumped.given} in ${bumped.seconds.toFixed(1)} s (${(bumped.given / bumped.seconds).toFixed(0)}/s)` +
        `${args['touch-facts'] ? ', each also touching a fact column (as before migration 0012)' : ''}`,
    );
    console.log(
      `index caught up while they came: ${(after?.reloaded ?? 0) - (before?.reloaded ?? 0)} works re-read whole, ` +
        `${(after?.countersPatched ?? 0) - (before?.countersPatched ?? 0)} counts patched\n`,
    );
    console.log('| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | memory MB (peak) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of [quiet, busy]) {
      console.log(
        `| ${r.name} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.rss.toFixed(0)} (${r.peak.toFixed(0)}) |`,
      );
    }
    console.log(`\np95 while kudos come ÷ quiet: ${(busy.p95 / quiet.p95).toFixed(2)}×`);
    console.log('\nURLs:');
    for (const p of paths) console.log(`  ${decodeURIComponent(p)}`);
  } finally {
    server.stop();
  }
}

await main();
