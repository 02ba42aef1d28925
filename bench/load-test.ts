/**
 * bench/load-test: a real load against `quire serve`, from another process. Runs the production build
 * (bin/quire.js, as `npm start` does) as a child process on the bench corpus (bench/corpus, loaded on first
 * use and reused), with 1 worker and then 2, and drives it with autocannon from this process: `--connections`
 * connections for `--seconds` over a mix of guests' requests — work pages, chapter pages, filtered listings,
 * tag pages, searches and downloads — after a warm-up that fills the caches. Prints, per run, requests per
 * second, p50/p99 latency, every answer that is not 2xx/3xx (by request class and status) and every socket
 * error or timeout, then the two-worker speed-up. Figures are printed, never asserted.
 *
 *   npm run bench:load-test -- --works 100000 [--seconds 60] [--connections 256] [--workers 1,2]
 *     [--warm-up 10] [--data-dir DIR]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set (a scratch database). The client shares the
 * machine's cores with the server: on two cores its share is part of what the figures show.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openLoadedArchive } from './corpus/main.ts';
import { chooseClasses, interleave, startLoad, type LoadFigures } from './support/request-mix.ts';
import { startQuire } from './support/quire-process.ts';
import { memoryOf } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '60' },
    'warm-up': { type: 'string', default: '10' },
    connections: { type: 'string', default: '256' },
    workers: { type: 'string', default: '1,2' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-browse-${works}`);
const connections = Number(args.connections);

const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
const classes = await chooseClasses(db);
await db.destroy();
const sequence = interleave(classes);
console.log(
  `bench/load-test — ${works.toLocaleString('en-US')} works, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}, ` +
    `${connections} connections, ${args.seconds} s per run after ${args['warm-up']} s of warm-up`,
);
console.log(`mix: ${classes.map((c) => `${c.name} ${c.weight}% (${c.paths.length} URLs)`).join(', ')}`);

const runs: Array<LoadFigures & { workers: number }> = [];
for (const workers of args.workers.split(',').map(Number)) {
  const quire = await startQuire({ workers, dataDir, databaseUrl, production: true });
  try {
    // Every download once, one at a time (builds are limited per address), then a short load: the caches fill.
    for (const path of classes.find((c) => c.name === 'download')?.paths ?? []) {
      await fetch(quire.base + path).then((r) => r.arrayBuffer());
    }
    process.stderr.write(`warming up ${workers} worker(s)…\n`);
    await startLoad(quire.base, sequence, { connections, seconds: Number(args['warm-up']) }).done;
    process.stderr.write(`measuring ${workers} worker(s) for ${args.seconds} s…\n`);
    const figures = await startLoad(quire.base, sequence, { connections, seconds: Number(args.seconds) }).done;
    runs.push({ ...figures, workers });
    const memory = memoryOf(quire.child.pid!);
    console.log(
      `\n${workers} worker(s): ${figures.requests.toLocaleString('en-US')} requests, ${figures.rps.toFixed(0)} req/s, ` +
        `p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.errors} socket errors, ${figures.timeouts} timeouts; ` +
        `primary process ${memory.rss.toFixed(0)} MB RSS`,
    );
    if (figures.bad.size === 0) console.log('  every answer 2xx or 3xx');
    for (const [key, count] of [...figures.bad].sort()) console.log(`  ${key}: ${count}`);
  } finally {
    await quire.stop();
  }
}
if (runs.length >= 2) {
  const [one, two] = runs;
  console.log(`\n${two.workers} workers / ${one.workers}: ${(two.rps / one.rps).toFixed(2)}× the requests per second`);
}
