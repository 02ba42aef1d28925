/**
 * Without QUIRE_TRUST_PROXY the client address is the connection's own, and
 * X-Forwarded-For — which any client can send — is ignored: otherwise one
 * guesser could dodge the log-in limit, or one reader count a hundred hits,
 * by making up a new header per request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { HitBuffer } from '../pagecache/hit-buffer.ts';
import { RULES } from './rate-limit.ts';

type Server = ReturnType<typeof serve>;

/** A GET over a real connection from `localAddress` (any 127.x address is this machine's loopback). */
function getFrom(port: number, path: string, localAddress: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, localAddress, headers, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

forEachDatabase('client address without a trusted proxy', (t) => {
  let server: Server;
  let port: number;
  // Views after the first are answered from the guest page cache, whose hits are written a moment later.
  let hits: HitBuffer;

  beforeAll(async () => {
    hits = new HitBuffer(t.db);
    const app = makeTestApp(t.db, { trustProxy: false, hits });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      if (server.listening) resolve();
      server.once('listening', resolve);
      server.once('error', reject);
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const hitsOf = async (id: number) =>
    (await t.db.selectFrom('works').select('hits').where('id', '=', id).executeTakeFirstOrThrow()).hits;

  it('counts hits by the connection address, whatever X-Forwarded-For claims', async () => {
    const id = await makeWork(t.db, await makeUser(t.db));
    const reader = { 'user-agent': 'test reader' };
    expect(await getFrom(port, `/works/${id}`, '127.0.0.2', { ...reader, 'x-forwarded-for': '198.51.100.1' })).toBe(
      200,
    );
    await getFrom(port, `/works/${id}`, '127.0.0.2', { ...reader, 'x-forwarded-for': '198.51.100.2' });
    await getFrom(port, `/works/${id}`, '127.0.0.2', reader);
    await hits.flush();
    expect(await hitsOf(id)).toBe(1);
    // Another connection address is another visitor, even claiming the first one's header.
    await getFrom(port, `/works/${id}`, '127.0.0.3', { ...reader, 'x-forwarded-for': '198.51.100.1' });
    await hits.flush();
    expect(await hitsOf(id)).toBe(2);
  });

  it('limits log-in attempts from one client however many forwarded addresses it makes up', async () => {
    const browser = new Browser(makeTestApp(t.db, { trustProxy: false }));
    for (let i = 0; i < RULES.login.limit; i++) {
      const attempt = await browser.post(
        '/login',
        { login: `someone${i}`, password: 'guess' },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      expect(attempt.status).toBe(422);
    }
    const refused = await browser.post(
      '/login',
      { login: 'someone-else', password: 'guess' },
      { 'x-forwarded-for': '203.0.113.200' },
    );
    expect(refused.status).toBe(429);
  });
});
