import { expect, it } from 'vitest';
import { Browser, makeMailingApp, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';
import { RateLimiter } from '../web/rate-limit.ts';
import { createUser, uniqueViolationField } from './queries.ts';
import { SIGNUP_MAILED } from './signup-routes.tsx';

const PASSWORD = 'lantern-harbour-42';

function signupForm(username: string, overrides: Record<string, string> = {}) {
  return {
    username,
    email: `${username.toLowerCase()}@example.test`,
    password: PASSWORD,
    password_confirmation: PASSWORD,
    accept_tos: '1',
    old_enough: '1',
    ...overrides,
  };
}

forEachDatabase('sign-up', (t) => {
  // Runs first, on the empty database the suite starts with.
  it('makes the first account an admin, with a default pseud, that logs in with its password', async () => {
    const browser = new Browser(makeTestApp(t.db));
    expect(await browser.page('/signup')).toContain('Create an account');

    const response = await browser.post('/signup', signupForm('Wren_First'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Check your email');
    expect(browser.cookies.has('quire_session')).toBe(false);

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
    const login = await browser.post('/login', { login: 'Wren_First', password: PASSWORD, return_to: '/' });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith('quire_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // the test archive is served over http
    const sessions = await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);

    const home = await browser.page('/');
    expect(home).toContain('Log out');
    expect(home).toContain('href="/users/Wren_First"');
  });

  it('does not make later accounts admins', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.post('/signup', signupForm('second-reader'));
    expect(response.status).toBe(200);
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

  it('answers a taken email address (in any case) as it answers a new account, and mails its owner', async () => {
    await makeUser(t.db, { username: 'owner-of-mail', email: 'shared@example.test' });
    const { app, smtp } = await makeMailingApp(t.db);
    try {
      const mark = smtp.messages.length;
      const taken = await new Browser(app).post('/signup', signupForm('newcomer', { email: 'SHARED@example.test' }));
      const fresh = await new Browser(app).post('/signup', signupForm('freshcomer'));
      expect([taken.status, fresh.status]).toEqual([200, 200]);
      expect(taken.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
      const page = await taken.text();
      expect(page).toBe(await fresh.text());
      expect(page).toContain(SIGNUP_MAILED);
      expect(page).not.toContain('already');

      const notice = await smtp.nextTo('shared@example.test', mark);
      expect(notice.subject).toMatch(/^Someone tried to sign up on .* with your email address$/);
      expect(notice.text).toContain('Hello owner-of-mail,');
      expect(notice.text).toContain('/password/forgot');
      const welcome = await smtp.nextTo('freshcomer@example.test', mark);
      expect(welcome.subject).toMatch(/^Welcome to /);
      expect(welcome.text).toContain('/login');
      expect(await t.db.selectFrom('users').select('id').where('username', '=', 'newcomer').execute()).toEqual([]);
    } finally {
      await smtp.close();
    }
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
    // The limits are kept in the (shared) database and earlier tests used up this address's sign-ups:
    // this app runs a day later, when they have started over.
    const dayLater = new RateLimiter(t.db, () => Date.now() + 24 * 60 * 60_000);
    const app = createApp({ db: t.db, config, rateLimiter: dayLater });
    const post = (path: string, form: Record<string, string>) =>
      app.request(`https://archive.example${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://archive.example' },
        body: new URLSearchParams(form),
      });
    expect((await post('/signup', signupForm('secure-reader'))).status).toBe(200);
    const response = await post('/login', { login: 'secure-reader', password: PASSWORD });
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
      expect(response.status).toBe(200);
      browser.cookies.clear();
    }
    const refused = await browser.post('/signup', signupForm('flood5'), from);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many attempts, try again in \d+ minutes?\./);
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'flood5').execute()).toEqual([]);

    const elsewhere = await browser.post('/signup', signupForm('flood6'), { 'x-forwarded-for': '198.51.100.4' });
    expect(elsewhere.status).toBe(200);
  });
});
