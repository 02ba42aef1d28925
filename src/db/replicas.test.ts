/**
 * Read replicas against a real PostgreSQL primary and a real streaming replica (pg_basebackup -R), when this
 * machine has the server tools; and the fall-back to the primary against the PostgreSQL test database, with a
 * replica address where nothing listens.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import { loadConfig } from '../config.ts';
import { createApp, type App } from '../server.ts';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { postForm } from '../../test/support/post-form.ts';
import {
  startStreamingPair,
  streamingReplicaMissingReason,
  type StreamingPair,
} from '../../test/support/streaming-replica.ts';
import { openDatabase } from './connect.ts';
import type { Db } from './database.ts';
import { migrateToLatest } from './migrator.ts';
import { ReplicaSet } from './replicas.ts';
import { sql } from 'kysely';

const missing = streamingReplicaMissingReason();
if (missing) console.log(`  Streaming replica suite skipped: ${missing}.`);

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function appWith(db: Db, primaryUrl: string, replicas: ReplicaSet, { pageCache }: { pageCache?: false } = {}): App {
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    DATABASE_URL: primaryUrl,
    DATABASE_REPLICA_URLS: replicas.replicas.map((r) => r.url).join(','),
  });
  return createApp({ db, config, replicas, pageCache });
}

describe.skipIf(!!missing)('a real streaming replica', { timeout: 120_000 }, () => {
  let pair: StreamingPair;
  let db: Db;
  let replicas: ReplicaSet;
  let app: App;
  let replicaAdmin: pg.Client;

  beforeAll(async () => {
    pair = await startStreamingPair();
    db = openDatabase({ url: pair.primaryUrl });
    await migrateToLatest(db);
    replicas = new ReplicaSet(pair.primaryUrl, [pair.replicaUrl], 1_000);
    app = appWith(db, pair.primaryUrl, replicas);
    replicaAdmin = new pg.Client({ connectionString: pair.replicaUrl });
    await replicaAdmin.connect();
    await eventually(
      async () => (await replicaAdmin.query(`select to_regclass('works') as t`)).rows[0].t !== null,
      'the migrations to reach the replica',
    );
  }, 180_000);

  afterAll(async () => {
    await replicaAdmin?.end().catch(() => {});
    await replicas?.destroy();
    await db?.destroy();
    pair?.destroy();
  });

  it('shows a new work to its writer at once (primary) and to a guest once it has replicated', async () => {
    const writer = new Browser(app);
    const user = await makeUser(db);
    await signIn(writer, db, user);
    const pseud = await findDefaultPseud(db, user.id);
    // Replay paused: the replica keeps its old picture until resumed, as a lagging one would.
    await replicaAdmin.query('select pg_wal_replay_pause()');
    const title = 'The Tide Clock of Wren Harbour';
    const posted = await writer.post('/works/new', postForm(pseud.id, { title }));
    expect(posted.status).toBe(303);

    expect(await writer.page('/works')).toContain(title);
    const guest = new Browser(app);
    expect(await guest.page('/works')).not.toContain(title); // the guest reads the (paused) replica

    await replicaAdmin.query('select pg_wal_replay_resume()');
    await eventually(async () => (await guest.page('/works')).includes(title), 'the guest to see the new work');
    const ready = (await (await guest.get('/readyz')).json()) as { replicas: { answers: boolean }[] };
    expect(ready.replicas).toEqual([expect.objectContaining({ answers: true, inRotation: true })]);
  });

  it('answers every read from the primary while the replica is stopped, and uses it again once it is back', async () => {
    // Where the listing's reads go: the guest page cache would answer these without reading at all.
    const guest = new Browser(appWith(db, pair.primaryUrl, replicas, { pageCache: false }));
    expect(await guest.page('/works')).toContain('The Tide Clock of Wren Harbour'); // pools hold replica connections
    await replicaAdmin.end();
    pair.stopReplica();
    for (let i = 0; i < 5; i++) {
      const response = await guest.get('/works');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('The Tide Clock of Wren Harbour');
    }
    expect(replicas.replicas[0].downUntil).toBeGreaterThan(0);
    const ready = await guest.get('/readyz');
    expect(ready.status).toBe(200); // the primary serves: still ready, with the replica reported down
    expect(await ready.json()).toMatchObject({ status: 'ready', replicas: [{ answers: false, inRotation: false }] });

    pair.startReplica();
    await eventually(async () => {
      const body = (await (await guest.get('/readyz')).json()) as { replicas: { answers: boolean }[] };
      return body.replicas[0].answers;
    }, 'the restarted replica to answer');
    // Once its retry time has passed, reads go to it again: its backend serves this session's query.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(replicas.db);
    expect(rows[0].standby).toBe(true);
  });
});

describe.skipIf(!postgresUrl)('falling back when a replica does not answer', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('postgres');
  });
  afterAll(async () => test?.destroy());

  it('runs the query on the primary, takes the replica out of rotation, and tries it again later', async () => {
    let now = 1_000_000;
    // Nothing listens on port 9: each connection attempt is refused at once.
    const replicas = new ReplicaSet(test.target.url!, ['postgres://postgres@127.0.0.1:9/none'], 5_000, () => now);
    try {
      const read = async () =>
        (await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(replicas.db)).rows[0];
      expect(await read()).toEqual({ standby: false }); // the primary answered
      const [replica] = replicas.replicas;
      expect(replica.downUntil).toBe(now + 5_000);
      expect(replica.lastError).toMatch(/ECONNREFUSED|connect/);
      replica.lastError = undefined;
      now += 1_000;
      await read(); // still out of rotation: not even tried
      expect(replica.lastError).toBeUndefined();
      now += 5_000;
      await read(); // retried, refused again
      expect(replica.lastError).toMatch(/ECONNREFUSED|connect/);
      const [status] = await replicas.status();
      expect(status).toMatchObject({ answers: false, inRotation: false, lagSeconds: null });
      expect(status.url).toBe('postgres://postgres@127.0.0.1:9/none');
    } finally {
      await replicas.destroy();
    }
  });
});
