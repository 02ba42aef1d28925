/**
 * bench/pages: guests at the speed of static files? One guest's work page and
 * `/works`, measured with wrk (32 connections by default) against three
 * servers on loopback, in alternating rounds so a busy moment of the machine
 * falls on all of them alike:
 *
 * - Quire with the guest page cache (the default), the page already cached;
 * - Quire with QUIRE_PAGE_CACHE=off: every view rendered (the uncached page);
 * - nginx (Debian's) serving the very bytes and headers Quire answered,
 *   saved to files (gzip, as a browser asks).
 *
 * Each server is one process (nginx: one worker) on the same corpus (bench/corpus:
 * generated and loaded through the real write path on first use, reused
 * after). Prints each round's req/s, the median, p99 and the ratio to nginx
 * beside the targets (cached work page ≥ 0.5× nginx, uncached ≥ 0.05×,
 * cached `/works` ≥ 0.3×). Figures are printed, never asserted.
 *
 *   npm run bench:pages -- --works 10000 [--rounds 3] [--seconds 5] [--connections 32] [--seed 1] [--data-dir DIR]
 *
 * Needs wrk (apt-get install -y wrk) and nginx (apt-get install -y nginx). SQLite in DIR by default;
 * PostgreSQL when DATABASE_URL is set (an empty database).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dialectOf } from '../src/db/schema-helpers.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { startNginx, type SavedAnswer } from './support/nginx.ts';
import { memoryOf, startServer } from './support/server.ts';
import { requireWrk, runWrk, type WrkResult } from './support/wrk.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const rounds = Math.max(1, Number(args.rounds));
const seconds = Math.max(1, Number(args.seconds));
const connections = Math.max(1, Number(args.connections));
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-pages-${works}`);
const GUEST = { 'accept-encoding': 'gzip, deflate, br' };

/** A GET whose body is the bytes as sent (fetch would undo the gzip). */
function rawGet(url: string): Promise<SavedAnswer & { status: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: GUEST }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            path: new URL(url).pathname,
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: Object.entries(res.headers).flatMap(([name, value]) =>
              value === undefined
                ? []
                : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
            ),
          }),
        );
      })
      .on('error', reject);
  });
}

/** A work a guest reads whole: the first on the guests' `/works` whose page is the work, not a notice. */
async function chooseWork(base: string): Promise<number> {
  const listing = await (await fetch(`${base}/works`)).text();
  for (const [, id] of listing.matchAll(/<li class="blurb" id="work-(\d+)"/g)) {
    const page = await (await fetch(`${base}/works/${id}`)).text();
    if (!page.includes('adult-notice') && page.includes('class="chapter"')) return Number(id);
  }
  throw new Error('No work on the first page of /works shows its text to a guest.');
}

/**
 * Waits until a server has answered what wrk left it: requests it read before wrk hung up are still answered
 * (an uncached page for a second or more), and would take the CPU from the next server measured.
 */
async function settle(url: string): Promise<void> {
  await (await fetch(url, { headers: GUEST })).arrayBuffer(); // answered after those already waiting
  await new Promise((resolve) => setTimeout(resolve, 500));
}

interface Target {
  name: string;
  url: string;
  /** The target's nginx twin (same bytes), for the ratio; none for nginx itself. */
  versus?: string;
  goal?: number;
  results: WrkResult[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function main(): Promise<void> {
  requireWrk();
  const { db, load } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const dialect = dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite';
  await db.destroy();

  const cached = await startServer({ dataDir, databaseUrl, env: { QUIRE_PAGE_CACHE: 'on' } });
  const uncached = await startServer({ dataDir, databaseUrl, env: { QUIRE_PAGE_CACHE: 'off' } });
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  try {
    const workId = await chooseWork(uncached.base);
    const workPath = `/works/${workId}`;
    // What a guest gets (twice: the second is the cached answer, with its ETag), saved for nginx.
    const answers: SavedAnswer[] = [];
    for (const pathname of [workPath, '/works']) {
      await rawGet(`${cached.base}${pathname}`);
      const answer = await rawGet(`${cached.base}${pathname}`);
      if (answer.status !== 200) throw new Error(`${pathname}: ${answer.status}`);
      answers.push(answer);
    }
    const plainBytes = (await (await fetch(`${uncached.base}${workPath}`)).arrayBuffer()).byteLength;
    nginx = await startNginx(answers);

    const targets: Target[] = [
      { name: 'nginx: the work page’s bytes', url: `${nginx.base}${workPath}`, results: [] },
      {
        name: 'Quire: work page, cached',
        url: `${cached.base}${workPath}`,
        versus: 'nginx: the work page’s bytes',
        goal: 0.5,
        results: [],
      },
      {
        name: 'Quire: work page, uncached (QUIRE_PAGE_CACHE=off)',
        url: `${uncached.base}${workPath}`,
        versus: 'nginx: the work page’s bytes',
        goal: 0.05,
        results: [],
      },
      { name: 'nginx: /works’ bytes', url: `${nginx.base}/works`, results: [] },
      {
        name: 'Quire: /works, cached',
        url: `${cached.base}/works`,
        versus: 'nginx: /works’ bytes',
        goal: 0.3,
        results: [],
      },
    ];
    // Warm every server (JIT, the page cache, SQLite's pages) before anything is counted.
    for (const target of targets) {
      await runWrk(target.url, { connections, seconds: 1, headers: GUEST });
      await settle(target.url);
    }
    for (let round = 0; round < rounds; round++) {
      // Each round starts one further along, so no server always follows the same one.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const target of order) {
        const result = await runWrk(target.url, { connections, seconds, headers: GUEST });
        target.results.push(result);
        await settle(target.url);
        console.log(
          `round ${round + 1}: ${target.name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(1)} ms`,
        );
      }
    }
    const memory = { cached: memoryOf(cached.pid), uncached: memoryOf(uncached.pid) };

    console.log(
      `\nbench/pages — ${works.toLocaleString('en-US')} works on ${dialect}, wrk ${connections} connections, ` +
        `${rounds} rounds × ${seconds} s per server, alternating; one Quire process each, nginx 1 worker`,
    );
    console.log(
      `Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`load: ${load ? `${load.seconds.toFixed(0)} s` : 'reused'}; work ${workPath}`);
    for (const answer of answers) {
      console.log(`  ${answer.path}: ${answer.body.byteLength} bytes gzipped`);
    }
    console.log(`  ${workPath} uncompressed: ${plainBytes} bytes`);
    console.log(
      `server memory: cached ${memory.cached.rss.toFixed(0)} MB, uncached ${memory.uncached.rss.toFixed(0)} MB resident\n`,
    );
    console.log(
      '| server and page | req/s each round | median req/s | p99 ms (median) | ratio to nginx | target | errors |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|');
    const medianOf = (name: string) => median(targets.find((t) => t.name === name)!.results.map((r) => r.rps));
    for (const target of targets) {
      const rps = median(target.results.map((r) => r.rps));
      const ratio = target.versus ? rps / medianOf(target.versus) : null;
      const errors = target.results.reduce((sum, r) => sum + r.non2xx3xx + r.socketErrors, 0);
      const goal = target.goal
        ? `≥ ${target.goal}× ${ratio !== null && ratio >= target.goal ? '(met)' : '(missed)'}`
        : '';
      console.log(
        `| ${target.name} | ${target.results.map((r) => r.rps.toFixed(0)).join(', ')} | ${rps.toFixed(0)} | ` +
          `${median(target.results.map((r) => r.p99)).toFixed(1)} | ${ratio === null ? '' : `${ratio.toFixed(2)}×`} | ${goal} | ${errors} |`,
      );
    }
  } finally {
    cached.stop();
    uncached.stop();
    await nginx?.stop();
  }
}

await main();
