import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import type { Db } from '../db/database.ts';
import { LOGIN_FAILED } from './login-routes.tsx';

const sessionsOf = (db: Db, userId: number) =>
  db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();

/** The text of the page's alert, which must not tell unknown names from wrong passwords. */
const alertOf = (html: string) => /<div class="error-summary" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1];

forEachDatabase('log-in and log-out', (t) => {
  it('logs in by username or email and returns to a local return_to', async () => {
    const user = await makeUser(t.db, { username: 'Heron', email: 'heron@example.test' });
    const browser = new Browser(makeTestApp(t.db));
    const form = await browser.page('/login?return_to=%2Fworks%2F7%3Fview_full_work%3Dtrue');
    expect(form).toContain('name="return_to" value="/works/7?view_full_work=true"');

    const response = await browser.post('/login', {
      login: 'heron',
      password: TEST_PASSWORD,
      return_to: '/works/7?view_full_work=true',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/works/7?view_full_work=true');
    expect(await sessionsOf(t.db, user.id)).toHaveLength(1);
    expect(await browser.page('/')).toContain('Logged in as Heron.');

    const byEmail = new Browser(makeTestApp(t.db));
    const viaEmail = await byEmail.post('/login', { login: 'HERON@example.test', password: TEST_PASSWORD });
    expect(viaEmail.status).toBe(303);
    expect(viaEmail.headers.get('location')).toBe('/');
    expect(await sessionsOf(t.db, user.id)).toHaveLength(2);
  });

  it('answers an unknown user and a wrong password with the same message', async () => {
    await makeUser(t.db, { username: 'Kestrel' });
    const browser = new Browser(makeTestApp(t.db));
    const wrong = await browser.post('/login', { login: 'Kestrel', password: 'not the password' });
    const unknown = await browser.post('/login', { login: 'nobody-here', password: 'not the password' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const wrongHtml = await wrong.text();
    const unknownHtml = await unknown.text();
    expect(alertOf(wrongHtml)).toContain(LOGIN_FAILED);
    expect(alertOf(wrongHtml)).toBe(alertOf(unknownHtml));
    expect(LOGIN_FAILED).toBe('The username/email or password is incorrect.');
    expect(wrongHtml).toContain('value="Kestrel"');
    expect(wrongHtml).not.toContain('not the password');
    expect(browser.cookies.has('quire_session')).toBe(false);
  });

  it('ignores return_to values that lead off the site', async () => {
    await makeUser(t.db, { username: 'Plover' });
    for (const returnTo of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'evil.example/path',
      '/\t/evil.example',
    ]) {
      const browser = new Browser(makeTestApp(t.db));
      const form = await browser.page(`/login?return_to=${encodeURIComponent(returnTo)}`);
      expect(form).not.toContain('evil.example');
      const response = await browser.post('/login', { login: 'Plover', password: TEST_PASSWORD, return_to: returnTo });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
    }
  });

  it('logs out by deleting the session row', async () => {
    const user = await makeUser(t.db, { username: 'Avocet' });
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    expect(await sessionsOf(t.db, user.id)).toHaveLength(1);
    expect(await browser.page('/')).toContain('Log out');

    const response = await browser.post('/logout');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(await sessionsOf(t.db, user.id)).toHaveLength(0);
    expect(browser.cookies.has('quire_session')).toBe(false);
    const home = await browser.page('/');
    expect(home).toContain('You have logged out.');
    expect(home).toContain('href="/login"');
  });

  it('replaces an existing session when logging in again', async () => {
    const user = await makeUser(t.db, { username: 'Dunlin' });
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const [before] = await sessionsOf(t.db, user.id);
    await browser.post('/login', { login: 'Dunlin', password: TEST_PASSWORD });
    const after = await sessionsOf(t.db, user.id);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before?.id);
  });

  it('refuses a form POST without an Origin header (CSRF)', async () => {
    const user = await makeUser(t.db, { username: 'Sanderling' });
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: 'Sanderling', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('refused');
    expect(await sessionsOf(t.db, user.id)).toHaveLength(0);

    const crossSite = await browser.post(
      '/login',
      { login: 'Sanderling', password: TEST_PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('sends guests from a members-only page to log in, then back', async () => {
    await makeUser(t.db, { username: 'Curlew' });
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.get('/preferences');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?return_to=%2Fpreferences');
    const back = await browser.post('/login', { login: 'Curlew', password: TEST_PASSWORD, return_to: '/preferences' });
    expect(back.headers.get('location')).toBe('/preferences');
    expect(await browser.page('/preferences')).toContain('Save preferences');
  });
});
