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
import autocannon from 'autocannon';
import { downloadPath } from '../src/downloads/file-names.ts';
import { GUEST_AUDIENCE, listedWorksWhere } from '../src/visibility/index.ts';
import type { Db } from '../src/db/database.ts';
import { chooseMix } from './browse-mix.ts';
import { openLoadedArchive } from './corpus/main.ts';
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

interface RequestClass {
  name: string;
  /** Shares of the mix, out of the sum of all weights. */
  weight: number;
  paths: string[];
}

/** A request mix drawn from the loaded archive: only works a guest may see, so every answer should be a 200. */
async function chooseClasses(db: Db): Promise<RequestClass[]> {
  const listed = await db
    .selectFrom('works')
    .select(['id', 'title', 'posted_chapters'])
    .where(listedWorksWhere(GUEST_AUDIENCE))
    .orderBy('id')
    .execute();
  const step = Math.max(1, Math.floor(listed.length / 400));
  const sample = listed.filter((_, i) => i % step === 0).slice(0, 400);
  const multi = sample.filter((w) => w.posted_chapters > 1).slice(0, 100);
  const chapters = multi.length
    ? await db
        .selectFrom('chapters')
        .select(['work_id', 'id'])
        .where('work_id', 'in', multi.map((w) => w.id))
        .where('is_posted', '=', 1)
        .execute()
    : [];
  const mix = await chooseMix(db);
  const paths = (name: string) => mix.find((c) => c.name === name)?.paths ?? [];
  const fandoms = paths('one-tag listing').map((p) => p.replace(/\/works$/, ''));
  return [
    { name: 'work page', weight: 35, paths: sample.map((w) => `/works/${w.id}`) },
    { name: 'chapter page', weight: 15, paths: chapters.map((c) => `/works/${c.work_id}/chapters/${c.id}`) },
    {
      name: 'filtered listing',
      weight: 15,
      paths: [
        ...paths('fandom+relationship, 2 excludes, complete, words'),
        ...paths('rating + warnings excluded + language'),
        '/works',
        '/works?sort=kudos',
      ],
    },
    { name: 'tag page', weight: 15, paths: [...paths('one-tag listing'), ...fandoms] },
    {
      name: 'search',
      weight: 10,
      paths: [...paths('two words of text within a fandom'), ...paths('facet counts for a broad tag')],
    },
    // 12 works in two formats: well under the download builds' rate limit (60 per address in 10 minutes), and
    // built during the warm-up, so the measured run downloads from the cache as most readers do.
    {
      name: 'download',
      weight: 10,
      paths: sample.slice(0, 12).flatMap((w) => ['epub', 'html'].map((f) => downloadPath(w.id, w.title, f))),
    },
  ].filter((c) => c.paths.length);
}

/** The request sequence, interleaved by weight so every stretch of it has the whole mix. */
function interleave(classes: RequestClass[], length = 20_000): Array<{ path: string; cls: string }> {
  const out: Array<{ path: string; cls: string }> = [];
  const total = classes.reduce((sum, c) => sum + c.weight, 0);
  const credit = classes.map(() => 0);
  const next = classes.map(() => 0);
  for (let i = 0; i < length; i++) {
    classes.forEach((c, k) => (credit[k] += c.weight / total));
    const k = credit.indexOf(Math.max(...credit));
    credit[k] -= 1;
    const c = classes[k];
    out.push({ path: c.paths[next[k]++ % c.paths.length], cls: c.name });
  }
  return out;
}

interface RunFigures {
  workers: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: Map<string, number>;
  errors: number;
  timeouts: number;
}

async function drive(base: string, sequence: Array<{ path: string; cls: string }>, seconds: number, workers: number) {
  const bad = new Map<string, number>();
  let position = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request, context: object) => {
          const step = sequence[position++ % sequence.length];
          (context as { cls?: string }).cls = step.cls;
          return { ...request, path: step.path, method: 'GET' };
        },
        onResponse: (status, _body, context: object) => {
          if (status >= 400) {
            const key = `${(context as { cls?: string }).cls} ${status}`;
            bad.set(key, (bad.get(key) ?? 0) + 1);
          }
        },
      },
    ],
  });
  const result = await instance;
  const figures: RunFigures = {
    workers,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  return figures;
}

const { db } = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
const classes = await chooseClasses(db);
await db.destroy();
const sequence = interleave(classes);
console.log(
  `bench/load-test — ${works.toLocaleString('en-US')} works, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}, ` +
    `${connections} connections, ${args.seconds} s per run after ${args['warm-up']} s of warm-up`,
);
console.log(
  `mix: ${classes.map((c) => `${c.name} ${c.weight}% (${c.paths.length} URLs)`).join(', ')}`,
);

const runs: RunFigures[] = [];
for (const workers of args.workers.split(',').map(Number)) {
  const quire = await startQuire({ workers, dataDir, databaseUrl, production: true });
  try {
    // Every download once, one at a time (builds are limited per address), then a short load: the caches fill.
    for (const path of classes.find((c) => c.name === 'download')?.paths ?? []) {
      await fetch(quire.base + path).then((r) => r.arrayBuffer());
    }
    process.stderr.write(`warming up ${workers} worker(s)…\n`);
    await drive(quire.base, sequence, Number(args['warm-up']), workers);
    process.stderr.write(`measuring ${workers} worker(s) for ${args.seconds} s…\n`);
    const figures = await drive(quire.base, sequence, Number(args.seconds), workers);
    runs.push(figures);
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
