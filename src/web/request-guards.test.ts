/**
 * What guards every page: a state change outside the API needs this
 * archive's Origin whatever its content type, the CSP forbids <base> and
 * foreign form targets, and the flash cookie is Secure under https.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';

forEachDatabase('request guards', (t) => {
  it('refuses a JSON-typed (or untyped) state change without Origin outside the API', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, writer);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const headers of [{ 'content-type': 'application/json' }, {} as Record<string, string>]) {
        const response = await browser.request(`/works/${workId}/delete`, { method, headers, body: '{}' });
        expect(response.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    const crossSite = await browser.request(`/works/${workId}/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const row = await t.db.selectFrom('works').select('deleted_at').where('id', '=', workId).executeTakeFirst();
    expect(row?.deleted_at ?? null).toBeNull();
  });

  it('sends a CSP with base-uri none and form-action self', async () => {
    const csp = (await makeTestApp(t.db).request(`${TEST_ORIGIN}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
  });

  it('marks the flash cookie Secure when the archive is served over https', async () => {
    await makeUser(t.db, { username: 'flashreader' });
    const config = loadConfig({ QUIRE_BASE_URL: 'https://archive.example', QUIRE_DATA_DIR: '/tmp/quire-unused' });
    const response = await createApp({ db: t.db, config }).request('https://archive.example/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://archive.example' },
      body: new URLSearchParams({ login: 'flashreader', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(303);
    const flash = response.headers.getSetCookie().find((line) => line.startsWith('quire_flash='));
    expect(flash).toMatch(/; Secure/);
  });
});
