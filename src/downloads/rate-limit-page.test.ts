import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';
import { RateLimiter, tryAgainText } from '../web/rate-limit.ts';
import { BUILD_RULE } from './routes.ts';

forEachDatabase('download rate limit', (t) => {
  it('answers a reader over the limit with a page that says when to try again', async () => {
    const rateLimiter = new RateLimiter(t.db);
    for (let i = 0; i < BUILD_RULE.limit; i++) await rateLimiter.hit('download-build:local', BUILD_RULE);
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });
    const guest = new Browser(createApp({ db: t.db, config, rateLimiter }));
    const workId = await makeWork(t.db, await makeUser(t.db), { title: 'Gull Song' });
    const response = await guest.get(`/downloads/${workId}/Gull_Song.txt`);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await response.text();
    expect(html).toContain('<h1>Too many downloads</h1>');
    expect(html).toMatch(/Please try again in \d+ minutes?, after \d\d:\d\d UTC\./);
  });
});

it('words the wait in seconds or minutes with the time of day', () => {
  const now = new Date('2026-01-05T18:40:00Z');
  expect(tryAgainText(30, now)).toBe('Please try again in 30 seconds, after 18:40 UTC.');
  expect(tryAgainText(420, now)).toBe('Please try again in 7 minutes, after 18:47 UTC.');
  expect(tryAgainText(61, now)).toBe('Please try again in 2 minutes, after 18:41 UTC.');
});
