/**
 * bench/write-under-reads: do writes and log-ins wait behind a flood of
 * reads? A real server (bench/browse-server.ts, its own process on loopback)
 * holds N works of the AO3-shaped corpus (bench/corpus, loaded on first use
 * and reused after). First a writer alone: one client posting works through
 * the API and one logging in, for a few seconds. Then the same two while
 * `--readers` clients request `/works` listing pages as fast as they are
 * answered, from a process of their own (bench/support/read-flood.ts) so the
 * measured writer's event loop is not busy with their pages.
 * Prints median/p95/max of each, throughput, the readers' answers (200s and
 * 503s) and the server's memory. Figures are printed, never asserted.
 *
 *   npm run bench:write-under-reads -- --readers 256 --works 2000 --seconds 20 [--seed 1] [--data-dir DIR]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser, findUserByName } from '../src/accounts/queries.ts';
import { createCredential } from '../src/accounts/credentials.ts';
import { hashPassword } from '../src/accounts/passwords.ts';
import { dialectOf } from '../src/db/schema-helpers.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { memoryOf, percentile, startServer } from './support/server.ts';

const { values: args } = parseArgs({
  options: {
    readers: { type: 'string', default: '256' },
    works: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '20' },
    'alone-seconds': { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
  },
});
const readers = Math.max(0, Number(args.readers));
const works = Number(args.works);
const seconds = Number(args.seconds);
const aloneSeconds = Number(args['alone-seconds']);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-write-under-reads-${works}`);

const USERNAME = 'benchwriter';
const PASSWORD = 'a long bench password, never used elsewhere';

const progress = (text: string) => process.stderr.write(`\r\x1b[K${text}`);

interface Series {
  latencies: number[];
  statuses: Map<number, number>;
}

const newSeries = (): Series => ({ latencies: [], statuses: new Map() });

async function timed(series: Series, request: () => Promise<Response>): Promise<void> {
  const t0 = performance.now();
  let status = -1; // the connection failed
  try {
    const response = await request();
    await response.arrayBuffer();
    status = response.status;
  } catch {
    // counted as -1
  }
  series.latencies.push(performance.now() - t0);
  series.statuses.set(status, (series.statuses.get(status) ?? 0) + 1);
}

/** The readers, in a child process (bench/support/read-flood.ts). */
function startFlood(base: string, readers: number, span: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('bench/support/read-flood.ts'),
      '--base',
      base,
      '--readers',
      String(readers),
      '--seconds',
      String(span),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let reads = 0;
  let buffered = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<Series>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line === 'ready') markReady();
        if (line.startsWith('reads ')) reads = Number(line.slice(6));
        if (line.startsWith('result ')) {
          const { latencies, statuses } = JSON.parse(line.slice(7)) as {
            latencies: number[];
            statuses: Record<string, number>;
          };
          resolve({ latencies, statuses: new Map(Object.entries(statuses).map(([k, v]) => [Number(k), v])) });
        }
      }
    });
    child.once('exit', (code) => (code ? reject(new Error(`the readers exited (${code})`)) : undefined));
  });
  return { reads: () => reads, ready, done };
}

function summary(name: string, series: Series, elapsed: number): string {
  const sorted = [...series.latencies].sort((a, b) => a - b);
  const statuses = [...series.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === -1 ? 'failed' : status}×${n}`)
    .join(' ');
  const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
  return `| ${name} | ${sorted.length} | ${(sorted.length / elapsed).toFixed(1)} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted.at(-1) ?? NaN)} | ${statuses} |`;
}

/** A user with a known password and a write token, made once per database. */
async function prepareWriter(db: Awaited<ReturnType<typeof openLoadedArchive>>['db']): Promise<string> {
  const user =
    (await findUserByName(db, USERNAME)) ??
    (await createUser(db, {
      username: USERNAME,
      email: `${USERNAME}@bench.test`,
      passwordHash: await hashPassword(PASSWORD),
    }));
  return (await createCredential(db, user.id, `bench ${Date.now()}`, 'write')).secret;
}

async function main(): Promise<void> {
  const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
  const dialect = dialectOf(db) === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const token = await prepareWriter(db);
  await db.destroy();

  const server = await startServer({ dataDir, databaseUrl });
  const base = server.base;
  let posted = 0;
  const post = () =>
    fetch(`${base}/api/v1/works`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: `Bench Tide Chart ${++posted}`,
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original Work'],
        chapter: { body: 'The tide came in twice that day, and the keeper wrote both down.' },
        post: true,
      }),
    });
  const logIn = () =>
    fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ login: USERNAME, password: PASSWORD }),
    });
  /** Runs the two writer loops for `span` seconds, while `readerCount` readers flood /works from their own process. */
  async function phase(label: string, span: number, readerCount: number) {
    const result = { posts: newSeries(), logins: newSeries(), reads: newSeries(), elapsed: 0 };
    const flood = readerCount ? startFlood(base, readerCount, span) : null;
    if (flood) {
      progress(`${label}: connecting ${readerCount} readers…`);
      await flood.ready;
    }
    const started = performance.now();
    const deadline = started + span * 1000;
    const loop = async (series: Series, request: () => Promise<Response>) => {
      while (performance.now() < deadline) await timed(series, request);
    };
    const ticker = setInterval(() => {
      const at = ((performance.now() - started) / 1000).toFixed(0);
      progress(
        `${label}: ${at}/${span} s — ${flood?.reads() ?? 0} reads, ${result.posts.latencies.length} posts, ${result.logins.latencies.length} log-ins`,
      );
    }, 1000);
    await Promise.all([loop(result.posts, post), loop(result.logins, logIn)]);
    result.elapsed = (performance.now() - started) / 1000;
    if (flood) result.reads = await flood.done;
    clearInterval(ticker);
    progress('');
    return result;
  }

  try {
    for (let i = 0; i < 5; i++) await Promise.all([timed(newSeries(), post), timed(newSeries(), logIn)]); // warm up
    const alone = await phase('writes alone', aloneSeconds, 0);
    const flooded = await phase(`writes under ${readers} readers`, seconds, readers);
    const memory = memoryOf(server.pid);
    console.log(
      `\nbench/write-under-reads — ${works.toLocaleString('en-US')} works on ${dialect}, ${readers} readers of /works, ${seconds} s (writes alone: ${aloneSeconds} s)`,
    );
    console.log(
      `Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}${databaseUrl ? '' : `, database ${(fs.statSync(path.join(dataDir, 'quire.sqlite')).size / 1024 / 1024).toFixed(0)} MB`}`,
    );
    console.log(`server memory: ${memory.rss.toFixed(0)} MB resident now, ${memory.peak.toFixed(0)} MB at peak\n`);
    console.log('| what | requests | per s | median ms | p95 ms | max ms | answers |');
    console.log('|---|---:|---:|---:|---:|---:|---|');
    console.log(summary('API post, alone', alone.posts, alone.elapsed));
    console.log(summary('log-in, alone', alone.logins, alone.elapsed));
    console.log(summary(`API post, under ${readers} readers`, flooded.posts, flooded.elapsed));
    console.log(summary(`log-in, under ${readers} readers`, flooded.logins, flooded.elapsed));
    console.log(summary(`GET /works (${readers} readers)`, flooded.reads, flooded.elapsed));
  } finally {
    server.stop();
  }
}

await main();
