/**
 * The log-in limits: only failures count, per address and per name; a name
 * many addresses failed on is locked for those addresses only, so its owner
 * still logs in; and behind a proxy the address is the one the proxy
 * appended to X-Forwarded-For, not what the client wrote before it.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createApp } from '../server.ts';

const sessionsOf = (db: Db, userId: number) =>
  db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();

const from = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });

forEachDatabase('log-in limits', (t) => {
  it('locks a name only for the addresses that failed on it, so its owner logs in from another', async () => {
    const user = await makeUser(t.db, { username: 'Lapwing' });
    const browser = new Browser(makeTestApp(t.db));
    for (let i = 0; i < 10; i++) {
      const guess = await browser.post('/login', { login: 'lapwing', password: `guess ${i}` }, from(`192.0.2.${i}`));
      expect(guess.status).toBe(422);
    }
    // A guesser that already failed on the name gets no more tries, right or wrong.
    const refused = await browser.post('/login', { login: 'Lapwing', password: TEST_PASSWORD }, from('192.0.2.3'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('Too many attempts, try again in 15 minutes.');
    expect(await sessionsOf(t.db, user.id)).toHaveLength(0);

    const owner = await browser.post('/login', { login: 'Lapwing', password: TEST_PASSWORD }, from('203.0.113.7'));
    expect(owner.status).toBe(303);
    expect(await sessionsOf(t.db, user.id)).toHaveLength(1);
  });

  it('counts only failures per address: correct log-ins never run out', async () => {
    const user = await makeUser(t.db, { username: 'Dunlin' });
    const browser = new Browser(makeTestApp(t.db));
    for (let i = 0; i < 15; i++) {
      const response = await browser.post('/login', { login: 'dunlin', password: TEST_PASSWORD }, from('198.51.100.7'));
      expect(response.status).toBe(303);
    }
    expect(await sessionsOf(t.db, user.id)).toHaveLength(1); // each log-in replaces the last session

    // Ten failed names from one address: that address is refused, even with a right password.
    const guesser = new Browser(makeTestApp(t.db));
    for (let i = 0; i < 10; i++) {
      const guess = await guesser.post('/login', { login: `someone${i}`, password: 'guess' }, from('198.51.100.200'));
      expect(guess.status).toBe(422);
    }
    const refused = await guesser.post('/login', { login: 'dunlin', password: TEST_PASSWORD }, from('198.51.100.200'));
    expect(refused.status).toBe(429);
  });

  it('takes the address the trusted proxy appended, not the leftmost one the client wrote', async () => {
    const browser = new Browser(makeTestApp(t.db)); // QUIRE_TRUST_PROXY=1
    // A sprayer writes a new address each time; nginx appends the real one ($proxy_add_x_forwarded_for).
    for (let i = 0; i < 10; i++) {
      const guess = await browser.post(
        '/login',
        { login: `spray${i}`, password: 'x' },
        from(`10.9.9.${i}, 192.0.2.77`),
      );
      expect(guess.status).toBe(422);
    }
    expect(
      (await browser.post('/login', { login: 'spray-x', password: 'x' }, from('10.1.1.1, 192.0.2.77'))).status,
    ).toBe(429);
    expect((await browser.post('/login', { login: 'spray-x', password: 'x' }, from('192.0.2.78'))).status).toBe(422);
  });

  it('takes the Nth address from the right behind N trusted proxies', async () => {
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_TRUST_PROXY: '2',
    });
    const browser = new Browser(createApp({ db: t.db, config }));
    for (let i = 0; i < 10; i++) {
      const guess = await browser.post(
        '/login',
        { login: `hop${i}`, password: 'x' },
        from(`10.9.9.${i}, 192.0.2.88, 10.0.0.${i}`), // client's own, the edge proxy's, the inner proxy's
      );
      expect(guess.status).toBe(422);
    }
    expect((await browser.post('/login', { login: 'hop', password: 'x' }, from('192.0.2.88, 10.0.0.1'))).status).toBe(
      429,
    );
    const other = await browser.post(
      '/login',
      { login: 'hop', password: 'x' },
      from('192.0.2.88, 192.0.2.89, 10.0.0.1'),
    );
    expect(other.status).toBe(422);
  });
});
