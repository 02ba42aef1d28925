import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { ReplicaSet } from '../db/replicas.ts';
import type { AppEnv, Viewer } from './context.ts';
import { FRESH_WRITE_COOKIE, FRESH_WRITE_SECONDS, readDb, RecentWriters, rememberWrites } from './read-db.ts';

// Nothing listens on port 9: the pools connect lazily, and these tests only ask which handle a request gets.
const replicas = new ReplicaSet('postgres://quire@127.0.0.1:9/primary', ['postgres://quire@127.0.0.1:9/replica']);
const primary = openDatabase({ sqliteFile: ':memory:' });
afterAll(async () => {
  await replicas.destroy();
  await primary.destroy();
});

function routingApp({ withReplicas = true, writers = new RecentWriters() } = {}) {
  const config = loadConfig({ QUIRE_DATA_DIR: '/tmp/quire-unused' });
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', {
      db: primary,
      config,
      replicas: withReplicas ? replicas : undefined,
      recentWriters: writers,
    } as AppEnv['Variables']['deps']);
    const userId = c.req.header('x-user');
    c.set('viewer', userId ? ({ id: Number(userId) } as Viewer) : null);
    await next();
  });
  app.use('*', rememberWrites);
  const which = (c: Parameters<typeof readDb>[0]) => c.text(readDb(c) === primary ? 'primary' : 'replica');
  app.get('/listing', which);
  app.post('/write', (c) => c.redirect('/listing', 303));
  app.post('/api/v1/works', (c) => c.json({ ok: true }, 201));
  return app;
}

const read = async (app: Hono<AppEnv>, headers: Record<string, string> = {}) =>
  (await app.request('/listing', { headers })).text();

describe('choosing the read handle', () => {
  it('sends a guest with no recent write to a replica', async () => {
    expect(await read(routingApp())).toBe('replica');
  });

  it('keeps everyone on the primary when no replica is configured, and sets no cookie', async () => {
    const app = routingApp({ withReplicas: false });
    expect(await read(app)).toBe('primary');
    const write = await app.request('/write', { method: 'POST' });
    expect(write.headers.getSetCookie()).toEqual([]);
  });

  it('gives every state-changing request a short-lived cookie that sends the next reads to the primary', async () => {
    const app = routingApp();
    const write = await app.request('/write', { method: 'POST' });
    const cookie = write.headers.getSetCookie().find((line) => line.startsWith(`${FRESH_WRITE_COOKIE}=`));
    expect(cookie).toMatch(new RegExp(`Max-Age=${FRESH_WRITE_SECONDS}`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(await read(app, { cookie: `${FRESH_WRITE_COOKIE}=1` })).toBe('primary');
    // Once the browser drops the expired cookie, reads go back to the replica.
    expect(await read(app)).toBe('replica');
  });

  it('remembers an API token writer (no cookie) within the process for a few seconds', async () => {
    let now = 1_000_000;
    const app = routingApp({ writers: new RecentWriters(FRESH_WRITE_SECONDS, () => now) });
    expect(await read(app, { 'x-user': '7' })).toBe('replica');
    const write = await app.request('/api/v1/works', { method: 'POST', headers: { 'x-user': '7' } });
    expect(write.status).toBe(201);
    expect(await read(app, { 'x-user': '7' })).toBe('primary');
    expect(await read(app, { 'x-user': '8' })).toBe('replica'); // someone else still reads the replica
    now += FRESH_WRITE_SECONDS * 1000 + 1;
    expect(await read(app, { 'x-user': '7' })).toBe('replica');
  });
});
