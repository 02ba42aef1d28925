/**
 * The admission limit on listings, by counts and completion order (never by
 * time): it admits `limit` reads, queues `queue` more in order, answers the
 * next with 503 and Retry-After at once, and lets writes and other pages by
 * even when full.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { AppEnv } from './context.ts';
import { admitReads, AdmissionGate, isExpensiveRead } from './admission.ts';
import { createApp } from '../server.ts';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';

/** A promise with its resolve outside. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** An app whose /works answers only when the test lets the next one finish, in the order they started. */
function gatedApp(gate: AdmissionGate) {
  const app = new Hono<AppEnv>();
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  app.use('*', async (c, next) => {
    c.set('deps', { config: loadConfig({ QUIRE_BASE_URL: 'http://localhost:3000' }) } as AppEnv['Variables']['deps']);
    c.set('viewer', null);
    await next();
  });
  app.use('*', admitReads(gate));
  app.get('/works', async (c) => {
    const id = c.req.query('id')!;
    started.push(id);
    const done = deferred();
    finishers.push(done.resolve);
    await done.promise;
    return c.text(`listing ${id}`);
  });
  app.post('/works/new', (c) => c.text('posted'));
  app.get('/works/:id', (c) => c.text(`work ${c.req.param('id')}`));
  /** Lets the oldest running listing finish. */
  const finishOne = () => finishers.shift()?.();
  return { app, started, finishOne };
}

/** Lets every pending turn of the event loop run (the gate starts each admitted read in a turn of its own). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('the listing admission limit', () => {
  it('admits the limit, queues the next in order, and answers past the queue with a fast 503', async () => {
    const gate = new AdmissionGate(2, 2);
    const { app, started, finishOne } = gatedApp(gate);
    const responses = [1, 2, 3, 4].map((id) => app.request(`/works?id=${id}`));
    await settle();
    expect(started).toEqual(['1', '2']);
    expect([gate.active, gate.queued]).toEqual([2, 2]);

    const refused = await app.request('/works?id=5');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.text()).toContain('The archive is busy');

    // Writes and pages that are not listings pass by a full gate.
    expect(await (await app.request('/works/new', { method: 'POST' })).text()).toBe('posted');
    expect(await (await app.request('/works/7')).text()).toBe('work 7');
    expect(started).toEqual(['1', '2']);

    finishOne();
    await settle();
    expect(started).toEqual(['1', '2', '3']);
    finishOne();
    await settle();
    expect(started).toEqual(['1', '2', '3', '4']);
    finishOne();
    finishOne();
    expect(await Promise.all(responses.map(async (r) => (await r).status))).toEqual([200, 200, 200, 200]);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it('frees the place of a read that failed', async () => {
    const gate = new AdmissionGate(1, 0);
    const app = new Hono();
    app.use('*', admitReads(gate) as never);
    app.get('/works', () => {
      throw new Error('listing failed');
    });
    app.onError((_error, c) => c.text('failed', 500));
    expect((await app.request('/works')).status).toBe(500);
    expect((await app.request('/works')).status).toBe(500);
    expect(gate.active).toBe(0);
  });

  it('counts listings and searches as expensive reads, not work pages, posts or log-ins', () => {
    for (const path of [
      '/works',
      '/works/search',
      '/tags/Tea/works',
      '/users/ada/works',
      '/opds/new',
      '/api/v1/works',
    ]) {
      expect(isExpensiveRead('GET', path), path).toBe(true);
    }
    expect(isExpensiveRead('POST', '/works')).toBe(false);
    expect(isExpensiveRead('POST', '/login')).toBe(false);
    expect(isExpensiveRead('GET', '/works/12')).toBe(false);
    expect(isExpensiveRead('GET', '/login')).toBe(false);
  });
});

forEachDatabase('the archive’s listing admission limit', (t) => {
  it('is wired into the app: past QUIRE_LISTING_QUEUE a listing is a 503 while a log-in is answered', async () => {
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_LISTING_CONCURRENCY: '1',
      QUIRE_LISTING_QUEUE: '1',
    });
    const app = createApp({ db: t.db, config });
    // Started together: one runs, one waits, the other four are turned away at once.
    const listings = await Promise.all(
      Array.from({ length: 6 }, async () => (await app.request(`${TEST_ORIGIN}/works`)).status),
    );
    expect(listings.filter((s) => s === 200)).toHaveLength(2);
    expect(listings.filter((s) => s === 503)).toHaveLength(4);
    const [logIn] = await Promise.all([
      new Browser(app).post('/login', { login: 'nobody', password: 'wrong' }),
      app.request(`${TEST_ORIGIN}/works`),
      app.request(`${TEST_ORIGIN}/works`),
      app.request(`${TEST_ORIGIN}/works`),
    ]);
    expect(logIn.status).not.toBe(503);
  });
});
