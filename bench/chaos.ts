/**
 * bench/chaos: what survives crashes. On the bench corpus (bench/corpus), runs the production build of
 * `quire serve --workers 2` under a guests' load (autocannon, the bench/load-test mix) and a stream of
 * writes through the API (works and comments from `--writers` accounts with write tokens), and meanwhile:
 *
 * 1. kills a worker with SIGKILL `--worker-kills` times (the primary forks a new one);
 * 2. on PostgreSQL, restarts the database server once (`pg_ctlcluster … restart`, which needs root) and
 *    times how long until the archive takes writes again;
 * 3. then, `--import-kills` times, starts `quire import` of generated files and kills it and the whole
 *    server with SIGKILL part-way, starts the server again and times how long until `/readyz` answers.
 *
 * Afterwards it checks, on a fresh connection: every write the server acknowledged (201) is there; no work
 * is half-written (each has its chapters, creators, taggings, filter tags and search row); `quire tags
 * verify` finds no drift; on SQLite `PRAGMA integrity_check` says ok. Prints each figure against its target
 * (0 acknowledged writes lost, 0 partial works, 0 corrupt databases, recovery ≤ 5 s); never asserts.
 *
 *   npm run bench:chaos -- --works 10000 [--connections 64] [--writers 40] [--worker-kills 10]
 *     [--import-kills 10] [--import-files 2000] [--data-dir DIR]
 *
 * SQLite in DIR by default; PostgreSQL when DATABASE_URL is set (a scratch database on this machine).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createCredential } from '../src/accounts/credentials.ts';
import { createUser } from '../src/accounts/queries.ts';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';
import type { Db } from '../src/db/database.ts';
import { GUEST_AUDIENCE, listedWorksWhere } from '../src/visibility/index.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { exportFileGenerator } from './support/export-files.ts';
import { startQuire, type QuireProcess } from './support/quire-process.ts';
import { chooseClasses, interleave, startLoad } from './support/request-mix.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    connections: { type: 'string', default: '64' },
    writers: { type: 'string', default: '40' },
    'worker-kills': { type: 'string', default: '10' },
    'import-kills': { type: 'string', default: '10' },
    'import-files': { type: 'string', default: '2000' },
    'data-dir': { type: 'string' },
  },
});
const works = Number(args.works);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = args['data-dir'] ?? path.resolve('data', `bench-browse-${works}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stderr.write(`${line}\n`);
const run = Date.now().toString(36);

/** The pids whose parent is `pid`: the cluster's workers. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** Milliseconds until `/readyz` answers 200, polled every 50 ms (null after a minute). */
async function timeUntilReady(base: string, since = performance.now()): Promise<number | null> {
  while (performance.now() - since < 60_000) {
    const status = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return performance.now() - since;
    await sleep(50);
  }
  return null;
}

interface Writer {
  token: string;
}

/** Writers a week old with confirmed addresses and write tokens: the API takes their posts at once. */
async function makeWriters(db: Db, count: number): Promise<Writer[]> {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60_000).toISOString();
  const writers: Writer[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(db, {
      username: `chaos${run}w${i}`,
      email: `chaos${run}w${i}@bench.invalid`,
      passwordHash: 'not-a-password',
    });
    await db.updateTable('users').set({ created_at: weekAgo }).where('id', '=', user.id).execute();
    writers.push({ token: (await createCredential(db, user.id, 'chaos bench', 'write')).secret });
  }
  return writers;
}

interface Acknowledged {
  works: Array<{ id: number; title: string }>;
  comments: number[];
  refused: Map<string, number>;
  failed: number;
}

/** Each writer posts a work, then a comment on the target work, until `stopped()`; keeps what got a 201. */
async function writeUntil(base: string, writers: Writer[], targetWorkId: number, stopped: () => boolean) {
  const acknowledged: Acknowledged = { works: [], comments: [], refused: new Map(), failed: 0 };
  let n = 0;
  const call = async (token: string, route: string, body: unknown) => {
    try {
      const response = await fetch(`${base}/api/v1${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        // A request caught by a killed worker may never be answered: it is not acknowledged, so not owed.
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await response.json().catch(() => ({}))) as { id?: number };
      if (response.status !== 201) {
        const key = `${route.startsWith('/works/') ? 'comment' : 'work'} ${response.status}`;
        acknowledged.refused.set(key, (acknowledged.refused.get(key) ?? 0) + 1);
        return null;
      }
      return json.id ?? null;
    } catch {
      acknowledged.failed++; // no answer: not acknowledged, so not owed
      await sleep(100);
      return null;
    }
  };
  await Promise.all(
    writers.map(async (writer) => {
      while (!stopped()) {
        const title = `Chaos ${run} ${n++}`;
        const id = await call(writer.token, '/works', {
          title,
          rating: 'General Audiences',
          warnings: ['No Archive Warnings Apply'],
          fandoms: ['Original Work'],
          freeforms: ['Chaos Bench'],
          chapter: { body: `<p>Written during the chaos bench, number ${n}.</p>` },
          post: true,
        });
        if (id) acknowledged.works.push({ id, title });
        const comment = await call(writer.token, `/works/${targetWorkId}/comments`, {
          body: `A comment written during the chaos bench, number ${n}.`,
        });
        if (comment) acknowledged.comments.push(comment);
        await sleep(200);
      }
    }),
  );
  return acknowledged;
}

/** `pg_ctlcluster VERSION NAME restart` of the cluster serving DATABASE_URL's port, timed. */
function restartPostgres(): { command: string; ms: number } {
  const port = new URL(databaseUrl!).port || '5432';
  const clusters = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const cluster = clusters.find((c) => c[2] === port);
  if (!cluster) throw new Error(`no PostgreSQL cluster on port ${port} in pg_lsclusters`);
  const started = performance.now();
  execFileSync('pg_ctlcluster', [cluster[0], cluster[1], 'restart'], { stdio: 'inherit' });
  return { command: `pg_ctlcluster ${cluster[0]} ${cluster[1]} restart`, ms: performance.now() - started };
}

/** Works with an id above `after` missing a part that a whole work has. */
async function partialWorks(db: Db, after: number): Promise<Array<{ id: number; missing: string }>> {
  const missing = (table: 'chapters' | 'creatorships' | 'taggings' | 'filter_taggings' | 'work_search') =>
    db
      .selectFrom('works')
      .select('works.id')
      .where('works.id', '>', after)
      .where('works.deleted_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom(table)
              .select(sql`1`.as('one'))
              .whereRef('work_id', '=', 'works.id'),
          ),
        ),
      )
      .execute();
  const found: Array<{ id: number; missing: string }> = [];
  for (const table of ['chapters', 'creatorships', 'taggings', 'filter_taggings', 'work_search'] as const) {
    for (const row of await missing(table)) found.push({ id: row.id, missing: table });
  }
  return found;
}

// The archive, the writers, the work they comment on.
const loaded = await openLoadedArchive({ works, seed: Number(args.seed), databaseUrl, dataDir });
const setupDb = loaded.db;
const classes = await chooseClasses(setupDb);
const sequence = interleave(classes);
const writers = await makeWriters(setupDb, Number(args.writers));
const target = await setupDb
  .selectFrom('works')
  .select('id')
  .where(listedWorksWhere(GUEST_AUDIENCE))
  .where('comment_permission', '!=', 'none')
  .orderBy('id')
  .limit(1)
  .executeTakeFirstOrThrow();
const before = await setupDb
  .selectFrom('works')
  .select((eb) => eb.fn.max('id').as('id'))
  .executeTakeFirstOrThrow();
const firstNewId = Number(before.id ?? 0);
await setupDb.destroy();
say(
  `bench/chaos — ${works.toLocaleString('en-US')} works, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}, ` +
    `${args.connections} connections of guests, ${writers.length} writers through the API`,
);

// 1 and 2: workers killed, the database restarted, under load and writes.
let quire: QuireProcess = await startQuire({ workers: 2, dataDir, databaseUrl, production: true });
const load = startLoad(quire.base, sequence, { connections: Number(args.connections), seconds: 3600 });
let writing = true;
const writes = writeUntil(quire.base, writers, target.id, () => !writing);
await sleep(3000);
const workerKills: number[] = [];
for (let k = 0; k < Number(args['worker-kills']); k++) {
  const workers = childrenOf(quire.child.pid!);
  if (!workers.length) break;
  const victim = workers[k % workers.length];
  process.kill(victim, 'SIGKILL');
  const killedAt = performance.now();
  // Replaced when the primary again has two workers that are not the one killed.
  while (
    childrenOf(quire.child.pid!).filter((pid) => pid !== victim).length < 2 &&
    performance.now() - killedAt < 30_000
  )
    await sleep(25);
  workerKills.push(performance.now() - killedAt);
  say(`worker ${victim} killed; replaced in ${(workerKills.at(-1)! / 1000).toFixed(2)} s`);
  await sleep(2000);
}
let postgresRecovery: number | null = null;
if (databaseUrl) {
  const restart = restartPostgres();
  say(`${restart.command} took ${(restart.ms / 1000).toFixed(2)} s`);
  // Recovered when a write is acknowledged again after the database is back.
  const back = performance.now();
  const probe = writers[0];
  while (performance.now() - back < 60_000) {
    const ok = await fetch(`${quire.base}/api/v1/works/${target.id}`, {
      headers: { authorization: `Bearer ${probe.token}` },
    }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok && (await timeUntilReady(quire.base)) !== null) break;
    await sleep(50);
  }
  postgresRecovery = performance.now() - back;
  say(`the archive answered again ${(postgresRecovery / 1000).toFixed(2)} s after PostgreSQL was back`);
  await sleep(3000);
}
writing = false;
say('stopping the writers and the load…');
const acknowledged = await writes;
load.stop();
const underLoad = await load.done;
say('killing the server and bulk imports…');

// 3: the whole server and a bulk import, killed together part-way.
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-chaos-import-'));
const generate = exportFileGenerator({ seed: 11, words: 300, author: 'chaos import' });
const files = Array.from({ length: Number(args['import-files']) }, (_, i) => {
  const file = path.join(filesDir, `chaos-${String(i + 1).padStart(6, '0')}.txt`);
  fs.writeFileSync(file, generate(i).file);
  return file;
});
const serverRecovery: number[] = [];
const env = { ...process.env, QUIRE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
for (let k = 0; k < Number(args['import-kills']); k++) {
  const importer = spawn(process.execPath, [path.resolve('bin/quire.js'), 'import', ...files], {
    env,
    stdio: 'ignore',
  });
  await sleep(1500 + Math.floor(Math.random() * 2500));
  importer.kill('SIGKILL');
  for (const pid of childrenOf(quire.child.pid!)) process.kill(pid, 'SIGKILL');
  quire.child.kill('SIGKILL');
  await new Promise((resolve) =>
    quire.child.exitCode !== null || quire.child.signalCode ? resolve(null) : quire.child.once('exit', resolve),
  );
  const restarted = performance.now();
  quire = await startQuire({ workers: 2, dataDir, databaseUrl, production: true });
  serverRecovery.push(performance.now() - restarted);
  say(
    `import and server killed (${k + 1}); the server answered /readyz again in ${(serverRecovery.at(-1)! / 1000).toFixed(2)} s`,
  );
}
await quire.stop();
fs.rmSync(filesDir, { recursive: true, force: true });

// The checks, on a fresh connection.
const db = openDatabase(databaseUrl ? { url: databaseUrl } : { sqliteFile: sqliteFileIn(dataDir) });
const ackIds = acknowledged.works.map((w) => w.id);
const found = new Set<number>();
for (let i = 0; i < ackIds.length; i += 500) {
  const rows = await db
    .selectFrom('works')
    .select('id')
    .where('id', 'in', ackIds.slice(i, i + 500))
    .execute();
  rows.forEach((r) => found.add(r.id));
}
const commentsFound = new Set<number>();
for (let i = 0; i < acknowledged.comments.length; i += 500) {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('id', 'in', acknowledged.comments.slice(i, i + 500))
    .execute();
  rows.forEach((r) => commentsFound.add(r.id));
}
const partial = await partialWorks(db, firstNewId);
const imported = await db
  .selectFrom('works')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('id', '>', firstNewId)
  .where('imported_by_id', 'is not', null)
  .executeTakeFirstOrThrow();
let integrity = 'not checked (PostgreSQL)';
if (!databaseUrl)
  integrity = String(
    (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]?.integrity_check,
  );
await db.destroy();
const verify = spawnSync(process.execPath, [path.resolve('bin/quire.js'), 'tags', 'verify'], { env, encoding: 'utf8' });

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const lostWorks = ackIds.length - found.size;
const lostComments = acknowledged.comments.length - commentsFound.size;
console.log(
  `\nbench/chaos — ${databaseUrl ? 'PostgreSQL' : 'SQLite'}, ${works.toLocaleString('en-US')} works, 2 workers`,
);
console.log(
  `guests under chaos: ${underLoad.requests.toLocaleString('en-US')} requests, ${underLoad.rps.toFixed(0)} req/s, ` +
    `p99 ${underLoad.p99} ms, ${underLoad.errors} socket errors, ${underLoad.timeouts} timeouts`,
);
for (const [key, count] of [...underLoad.bad].sort()) console.log(`  guests' ${key}: ${count}`);
console.log(
  `writes: ${ackIds.length} works and ${acknowledged.comments.length} comments acknowledged; ` +
    `${acknowledged.failed} got no answer; refused: ${[...acknowledged.refused].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`,
);
console.log(`acknowledged writes lost: ${lostWorks} works, ${lostComments} comments   (target 0)`);
console.log(
  `partial works: ${partial.length}   (target 0)${partial.length ? ` e.g. ${JSON.stringify(partial.slice(0, 5))}` : ''}`,
);
console.log(`works the killed imports left: ${imported.n}, every one whole unless listed above`);
console.log(
  `quire tags verify: exit ${verify.status}, "${verify.stdout.trim().split('\n').at(-1)}"   (target: no drift)`,
);
console.log(`integrity_check: ${integrity}   (target ok)`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(
  `worker killed → replaced: median ${seconds(median(workerKills))}, worst ${seconds(Math.max(0, ...workerKills))} (${workerKills.length} kills)`,
);
console.log(
  `server killed → /readyz again: median ${seconds(median(serverRecovery))}, worst ${seconds(Math.max(0, ...serverRecovery))} (${serverRecovery.length} kills, index build included)`,
);
if (postgresRecovery !== null)
  console.log(`PostgreSQL back → archive answering: ${seconds(postgresRecovery)}   (target ≤ 5 s)`);
