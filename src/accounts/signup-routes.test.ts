import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';
import { createUser, uniqueViolationField } from './queries.ts';

const PASSWORD = 'lantern-harbour-42';

function signupForm(username: string, overrides: Record<string, string> = {}) {
  return {
    username,
    email: `${username.toLowerCase()}@example.test`,
    password: PASSWORD,
    password_confirmation: PASSWORD,
    ...overrides,
  };
}

forEachDatabase('sign-up', (t) => {
  // Runs first, on the empty database the suite starts with.
  it('makes the first account an admin, with a default pseud, and logs it in', async () => {
    const browser = new Browser(makeTestApp(t.db));
    expect(await browser.page('/signup')).toContain('Create an account');

    const response = await browser.post('/signup', signupForm('Wren_First'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/users/Wren_First');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('quire_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // the test archive is served over http

    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'Wren_First')
      .executeTakeFirstOrThrow();
    expect(user.is_admin).toBe(1);
    expect(user.email).toBe('wren_first@example.test');
    expect(user.password_hash).not.toContain(PASSWORD);
    const pseuds = await t.db
      .selectFrom('pseuds')
      .select(['name', 'is_default'])
      .where('user_id', '=', user.id)
      .execute();
    expect(pseuds).toEqual([{ name: 'Wren_First', is_default: 1 }]);
    const sessions = await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);

    const home = await browser.page('/');
    expect(home).toContain('Log out');
    expect(home).toContain('href="/users/Wren_First"');
  });

  it('does not make later accounts admins', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.post('/signup', signupForm('second-reader'));
    expect(response.status).toBe(303);
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'second-reader')
      .executeTakeFirstOrThrow();
    expect(user.is_admin).toBe(0);
  });

  it('refuses a username taken in another case, keeping what was typed but not the password', async () => {
    await makeUser(t.db, { username: 'Marigold' });
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.post('/signup', signupForm('mariGOLD', { email: 'kept-address@example.test' }));
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain('That username is already taken.');
    expect(html).toContain('value="mariGOLD"');
    expect(html).toContain('value="kept-address@example.test"');
    expect(html).not.toContain(PASSWORD);
    const rows = await t.db.selectFrom('users').select('id').where('email', '=', 'kept-address@example.test').execute();
    expect(rows).toEqual([]);
    expect(browser.cookies.has('quire_session')).toBe(false);
  });

  it('refuses an email already used, in any case', async () => {
    await makeUser(t.db, { username: 'owner-of-mail', email: 'shared@example.test' });
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.post('/signup', signupForm('newcomer', { email: 'SHARED@example.test' }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('An account with that email address already exists.');
  });

  it('shows each problem beside its field: short password, mismatched confirmation, bad username and email', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const short = await browser.post(
      '/signup',
      signupForm('shortpass', { password: 'abc', password_confirmation: 'abc' }),
    );
    expect(short.status).toBe(422);
    const shortHtml = await short.text();
    expect(shortHtml).toContain('Passwords are at least 8 characters.');
    expect(shortHtml).toContain('id="password-error"');
    expect(shortHtml).toContain('value="shortpass"');

    const mismatch = await browser.post(
      '/signup',
      signupForm('mismatch', { password_confirmation: 'lantern-harbour-43' }),
    );
    expect(mismatch.status).toBe(422);
    const mismatchHtml = await mismatch.text();
    expect(mismatchHtml).toContain('The two passwords do not match.');
    expect(mismatchHtml).toContain('id="password_confirmation-error"');
    expect(mismatchHtml).not.toContain(PASSWORD);

    const bad = await browser.post('/signup', signupForm('no spaces!', { email: 'not-an-email' }));
    const badHtml = await bad.text();
    expect(bad.status).toBe(422);
    expect(badHtml).toContain('Usernames may use only letters, digits, underscores (_) and hyphens (-).');
    expect(badHtml).toContain('Enter a valid email address');
    expect(badHtml).toContain('value="no spaces!"');

    const tiny = await browser.post('/signup', signupForm('ab'));
    expect(await tiny.text()).toContain('Usernames are at least 3 characters.');

    const made = await t.db
      .selectFrom('users')
      .select('username')
      .where('username', 'in', ['shortpass', 'mismatch', 'no spaces!', 'ab'])
      .execute();
    expect(made).toEqual([]);
  });

  it('turns a unique-index violation (a lost race) into the field it was about', async () => {
    await makeUser(t.db, { username: 'racer', email: 'racer@example.test' });
    const clash = (username: string, email: string) =>
      createUser(t.db, { username, email, passwordHash: 'x' }).then(
        () => undefined,
        (error: unknown) => uniqueViolationField(error),
      );
    expect(await clash('RACER', 'other-racer@example.test')).toBe('username');
    expect(await clash('racer-two', 'Racer@Example.test')).toBe('email');
  });

  it('marks the session cookie Secure when the archive is served over https', async () => {
    const config = loadConfig({ QUIRE_BASE_URL: 'https://archive.example', QUIRE_DATA_DIR: '/tmp/quire-unused' });
    const app = createApp({ db: t.db, config });
    const response = await app.request('https://archive.example/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://archive.example' },
      body: new URLSearchParams(signupForm('secure-reader')),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('quire_session='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('limits sign-ups per address', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const from = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 5; i++) {
      const response = await browser.post('/signup', signupForm(`flood${i}`), from);
      expect(response.status).toBe(303);
      browser.cookies.clear();
    }
    const refused = await browser.post('/signup', signupForm('flood5'), from);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many attempts, try again in \d+ minutes?\./);
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'flood5').execute()).toEqual([]);

    const elsewhere = await browser.post('/signup', signupForm('flood6'), { 'x-forwarded-for': '198.51.100.4' });
    expect(elsewhere.status).toBe(303);
  });
});
