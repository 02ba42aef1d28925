/**
 * bench/workers: what `quire serve --workers N` buys. Runs the real
 * `quire serve` as a child process against the bench corpus (bench/corpus,
 * loaded on first use, reused after) with 1 worker, then with 2, and drives
 * it with a small concurrent HTTP client: `/works` listing pages, then a
 * work's page, each for --seconds. Prints requests per second, p50/p99 and
 * errors (failed connections and 5xx). Figures are printed, never asserted.
 *
 *   npm run bench:workers -- --works 10000 [--seconds 20] [--concurrency 16] [--workers 1,2] [--data-dir DIR]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set. The client runs in this process, on the
 * same machine: on two cores it takes a share of the CPU the workers would use.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openLoadedArchive } from './corpus/main.ts';
import { startQuire as startQuireProcess } from './support/quire-process.ts';
import { percentile } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
    workers: { type: 'string', default: '1,2' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const seconds = Number(args.seconds);
const concurrency = Math.max(1, Number(args.concurrency));
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-browse-${works}`);
const startQuire = (workers: number) => startQuireProcess({ workers, dataDir, databaseUrl });

interface Result {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

async function drive(base: string, paths: string[]): Promise<Result> {
  let next = 0;
  const once = async (): Promise<{ ok: boolean; ms: number }> => {
    const t0 = performance.now();
    try {
      const response = await fetch(`${base}${paths[next++ % paths.length]}`, { redirect: 'manual' });
      await response.arrayBuffer();
      return { ok: response.status < 500, ms: performance.now() - t0 };
    } catch {
      return { ok: false, ms: performance.now() - t0 };
    }
  };
  for (let i = 0; i < concurrency; i++) await once(); // warm up
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const { ok, ms } = await once();
        latencies.push(ms);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
const sample = await db.selectFrom('works').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
await db.destroy();
const listing = Array.from({ length: 20 }, (_, i) => (i === 0 ? '/works' : `/works?page=${i + 1}`));
const workPage = [`/works/${sample.id}`];

const rows: string[] = [];
for (const workers of args.workers.split(',').map(Number)) {
  const quire = await startQuire(workers);
  for (const [name, paths] of [
    ['/works', listing],
    ['work page', workPage],
  ] as const) {
    const r = await drive(quire.base, [...paths]);
    rows.push(
      `| ${workers} | ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.requests} | ${r.errors} |`,
    );
    console.log(rows.at(-1));
  }
  await quire.stop();
}
console.log(
  `\n${works} works, ${seconds} s per row, ${concurrency} clients, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}\n`,
);
console.log('| workers | page | req/s | p50 ms | p99 ms | requests | errors |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
