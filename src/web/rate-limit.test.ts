/**
 * Rate limits live in the database, so they hold across server processes:
 * two apps on one database (as two workers of `quire serve --workers 2`)
 * share one log-in throttle and one posting allowance; windows start over;
 * and the hourly schedule queues its jobs once whichever process asks.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { queueHourlyJobs } from '../background.ts';
import { openDatabase } from '../db/connect.ts';
import { RateLimiter } from './rate-limit.ts';

const from = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });

forEachDatabase('shared rate limits', (t) => {
  it('counts log-in failures made through two apps on one database together', async () => {
    await makeUser(t.db, { username: 'Wagtail' });
    const first = new Browser(makeTestApp(t.db));
    const second = new Browser(makeTestApp(t.db));
    for (let i = 0; i < 10; i++) {
      const browser = i % 2 ? second : first;
      const guess = await browser.post('/login', { login: 'wagtail', password: `guess ${i}` }, from('198.51.100.7'));
      expect(guess.status).toBe(422);
    }
    for (const browser of [first, second]) {
      const refused = await browser.post('/login', { login: 'Wagtail', password: TEST_PASSWORD }, from('198.51.100.7'));
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain('Too many attempts');
    }
    const rows = await t.db.selectFrom('rate_limits').select(['key', 'count']).execute();
    expect(rows).toContainEqual({ key: 'login:address:198.51.100.7', count: 10 });
  });

  it('lets concurrent attempts from two limiters through exactly up to the limit, then starts a new window', async () => {
    let clock = 1_000_000_000_000;
    const rule = { limit: 5, windowMs: 60_000 };
    const a = new RateLimiter(t.db, () => clock);
    const b = new RateLimiter(t.db, () => clock);
    const waits = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).hit('posting:test', rule)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    expect(await a.countOf('posting:test', rule)).toBe(8);
    expect(await b.waitFor('posting:test', rule)).toBeGreaterThan(0);
    clock += rule.windowMs;
    expect(await b.countOf('posting:test', rule)).toBe(0);
    expect(await a.hit('posting:test', rule)).toBe(0);
    expect(await b.countOf('posting:test', rule)).toBe(1);
    await a.reset('posting:test');
    expect(await b.countOf('posting:test', rule)).toBe(0);
  });

  it('queues the hourly and daily jobs once when two processes run the schedule', async () => {
    const other = openDatabase(t.test.target);
    try {
      const at = new Date('2026-12-02T05:07:00Z');
      await Promise.all([queueHourlyJobs(t.db, at), queueHourlyJobs(other, at)]);
      await queueHourlyJobs(other, at);
      const jobs = await t.db.selectFrom('jobs').select(['kind', 'once_key']).execute();
      const keys = jobs.map((job) => job.once_key).filter((key) => key?.includes('2026-12-02'));
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await other.destroy();
    }
  });
});
