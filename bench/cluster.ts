/**
 * bench/cluster: Quire as several machines would run it, on this one. Sets up a PostgreSQL primary and a
 * streaming replica (initdb, `pg_basebackup -R`, on free ports, as the tests' streaming pair does), loads the
 * bench corpus into the primary, starts two `quire serve` processes on different ports (each `--workers 1`,
 * DATABASE_URL the primary, DATABASE_REPLICA_URLS the replica) and Debian's nginx in front as the load
 * balancer. Then measures:
 *
 * - guests' req/s, p50/p99 through nginx against one node alone (autocannon, the bench/load-test mix);
 * - how long a work posted through node A takes to appear in node B's `/works` listing (target ≤ 2 s);
 * - read-your-writes through nginx: the writer's next look at `/works` already lists their work.
 *
 *   npm run bench:cluster -- --works 5000 [--seconds 20] [--connections 64] [--posts 10]
 *
 * Needs root (the PostgreSQL servers run as the postgres OS user, as in src/db/replicas.test.ts), the
 * PostgreSQL 15+ server tools and nginx (`apt-get install -y nginx`). Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCredential } from '../src/accounts/credentials.ts';
import { createUser } from '../src/accounts/queries.ts';
import { startStreamingPair, streamingReplicaMissingReason } from '../test/support/streaming-replica.ts';
import { openLoadedArchive } from './corpus/main.ts';
import { freePort, startQuire } from './support/quire-process.ts';
import { chooseClasses, interleave, startLoad, type LoadFigures } from './support/request-mix.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '64' },
    posts: { type: 'string', default: '10' },
  },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stderr.write(`${line}\n`);

const missing = streamingReplicaMissingReason();
if (missing) throw new Error(`bench:cluster needs a streaming replica: ${missing}`);
if (!fs.existsSync('/usr/sbin/nginx')) throw new Error('bench:cluster needs nginx: apt-get install -y nginx');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cluster-'));
const pair = await startStreamingPair();
const stopping: Array<() => Promise<void> | void> = [
  () => pair.destroy(),
  () => fs.rmSync(root, { recursive: true, force: true }),
];
try {
  say(`primary ${pair.primaryUrl}, replica ${pair.replicaUrl}`);
  const works = Number(args.works);
  const dataDir = path.join(root, 'data');
  const { db } = await openLoadedArchive({ works, seed: 1, databaseUrl: pair.primaryUrl, dataDir });
  const sequence = interleave(await chooseClasses(db));
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60_000).toISOString();
  const writer = await createUser(db, {
    username: 'clusterwriter',
    email: 'clusterwriter@bench.invalid',
    passwordHash: 'not-a-password',
  });
  await db.updateTable('users').set({ created_at: weekAgo }).where('id', '=', writer.id).execute();
  const token = (await createCredential(db, writer.id, 'cluster bench', 'write')).secret;
  await db.destroy();

  const env = { DATABASE_REPLICA_URLS: pair.replicaUrl };
  const [nodeA, nodeB] = await Promise.all(
    ['a', 'b'].map((name) =>
      startQuire({
        workers: 1,
        dataDir: path.join(root, `node-${name}`),
        databaseUrl: pair.primaryUrl,
        production: true,
        env,
      }),
    ),
  );
  stopping.unshift(
    () => nodeA.stop(),
    () => nodeB.stop(),
  );

  // nginx in front: round robin over the two nodes, as a load balancer would.
  const nginxPort = await freePort();
  const upstream = [nodeA, nodeB].map((node) => `    server ${new URL(node.base).host};`).join('\n');
  const conf = path.join(root, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${root}/body; proxy_temp_path ${root}/proxy;
  fastcgi_temp_path ${root}/fastcgi; uwsgi_temp_path ${root}/uwsgi; scgi_temp_path ${root}/scgi;
  upstream quire {
${upstream}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://quire;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  );
  const nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
  stopping.unshift(() => void nginx.kill('SIGQUIT'));
  const balanced = `http://127.0.0.1:${nginxPort}`;
  while (
    (await fetch(`${balanced}/readyz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await sleep(100);

  const measure = async (base: string, label: string): Promise<LoadFigures> => {
    say(`measuring ${label} for ${args.seconds} s…`);
    await startLoad(base, sequence, { connections: Number(args.connections), seconds: 5 }).done; // warm-up
    return startLoad(base, sequence, { connections: Number(args.connections), seconds: Number(args.seconds) }).done;
  };
  const single = await measure(nodeA.base, 'one node alone');
  const both = await measure(balanced, 'two nodes behind nginx');

  // A work posted through node A, looked for in node B's listing; and the writer's own next look through nginx.
  const post = async (base: string, title: string) => {
    const response = await fetch(`${base}/api/v1/works`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title,
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original Work'],
        chapter: { body: `<p>${title}, posted by the cluster bench.</p>` },
        post: true,
      }),
    });
    if (response.status !== 201) throw new Error(`posting answered ${response.status}: ${await response.text()}`);
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  const lists = async (base: string, title: string, cookie?: string) =>
    (await (await fetch(`${base}/works`, { headers: cookie ? { cookie } : {} })).text()).includes(title);
  const propagation: number[] = [];
  let sawAtOnce = 0;
  for (let i = 0; i < Number(args.posts); i++) {
    const title = `Cluster Bench Work ${Date.now().toString(36)} ${i}`;
    await post(nodeA.base, title);
    const posted = performance.now();
    while (!(await lists(nodeB.base, title)) && performance.now() - posted < 30_000) await sleep(20);
    propagation.push(performance.now() - posted);
    const own = `Cluster Bench Own ${Date.now().toString(36)} ${i}`;
    const cookie = await post(balanced, own);
    if (await lists(balanced, own, cookie)) sawAtOnce++;
  }
  const sorted = [...propagation].sort((a, b) => a - b);
  const line = (label: string, f: LoadFigures) =>
    `${label.padEnd(26)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(5)} ms   p99 ${String(f.p99).padStart(6)} ms   ` +
    `${f.errors} socket errors, ${[...f.bad.values()].reduce((a, b) => a + b, 0)} answers ≥ 400`;
  console.log(
    `\nbench/cluster — ${works.toLocaleString('en-US')} works, PostgreSQL primary + 1 streaming replica, 2 nodes, nginx`,
  );
  console.log(line('one node alone', single));
  console.log(line('two nodes behind nginx', both));
  console.log(`two nodes / one: ${(both.rps / single.rps).toFixed(2)}× the requests per second`);
  console.log(
    `posted on node A → in node B's /works: median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s, ` +
      `worst ${(sorted.at(-1)! / 1000).toFixed(2)} s over ${sorted.length} works   (target ≤ 2 s)`,
  );
  console.log(
    `read-your-writes through nginx: ${sawAtOnce} of ${args.posts} writers saw their work on their next look`,
  );
} finally {
  for (const stop of stopping) await stop();
}
