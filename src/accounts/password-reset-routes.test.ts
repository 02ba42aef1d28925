import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeMailingApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import type { Db } from '../db/database.ts';
import type { User } from './accounts.table.ts';
import type { ReceivedMail, TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import type { App } from '../server.ts';
import { LOGIN_FAILED } from './login-routes.tsx';
import { RESET_LINK_UNUSABLE, RESET_REQUESTED } from './password-reset-routes.tsx';

const NEW_PASSWORD = 'a brand new tide table';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** The reset link in a received mail, as the path a browser would open. */
function resetPathIn(mail: ReceivedMail): { path: string; token: string } {
  const match = mail.text.match(new RegExp(`${TEST_ORIGIN}(/password/reset\\?token=([A-Za-z0-9_-]+))`));
  if (!match) throw new Error(`no reset link in:\n${mail.text}`);
  return { path: match[1], token: match[2] };
}

const resetsOf = (db: Db, userId: number) =>
  db.selectFrom('password_resets').selectAll().where('user_id', '=', userId).orderBy('id').execute();

const sessionsOf = (db: Db, userId: number) =>
  db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();

/** Each browser speaks from its own client address, so the per-address limit stays out of the way. */
let addressCount = 0;
function newBrowser(app: App): Browser {
  const browser = new Browser(app);
  const address = `192.0.2.${++addressCount}`;
  const request = browser.request.bind(browser);
  browser.request = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', address);
    return request(path, { ...init, headers });
  };
  return browser;
}

forEachDatabase('password reset by email', (t) => {
  let smtp: TestSmtpServer;
  let app: App;

  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db, {
      QUIRE_TRUST_PROXY: '1',
      QUIRE_MAIL_FROM: 'Quire <archive@example.test>',
    }));
  });
  afterAll(async () => {
    await smtp.close();
  });

  const mailTo = (user: User, after = 0) => smtp.nextTo(user.email, after);

  it('emails a single-use link that sets a new password, ends every session and logs in', async () => {
    const user = await makeUser(t.db, { username: 'Sandpiper', email: 'sandpiper@example.test' });
    const laptop = newBrowser(app);
    const phone = newBrowser(app);
    await signIn(laptop, t.db, user);
    await signIn(phone, t.db, user);
    expect(await sessionsOf(t.db, user.id)).toHaveLength(2);

    const guest = newBrowser(app);
    expect(await guest.page('/login')).toContain('<a href="/password/forgot">Forgot password?</a>');
    expect(await guest.page('/password/forgot')).toContain('<label for="login">Email or username');
    const answer = await guest.post('/password/forgot', { login: 'SANDPIPER@example.test' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(RESET_REQUESTED);

    const mail = await mailTo(user);
    expect(mail.headers.get('from')).toBe('Quire <archive@example.test>');
    expect(mail.subject).toBe('Reset your password on Quire');
    expect(mail.text).toContain('Hello Sandpiper,');
    const { path, token } = resetPathIn(mail);
    const [stored] = await resetsOf(t.db, user.id);
    expect(stored.token_hash).toBe(sha256(token)); // only the hash is kept
    expect(stored.used_at).toBeNull();
    const lifetime = Date.parse(stored.expires_at) - Date.parse(stored.created_at);
    expect(lifetime).toBe(60 * 60 * 1000);

    const form = await guest.page(path);
    expect(form).toContain(`<input type="hidden" name="token" value="${token}"/>`);
    expect(form).toContain('<label for="password">New password');

    const mismatch = await guest.post('/password/reset', {
      token,
      password: NEW_PASSWORD,
      password_confirmation: 'a different tide table',
    });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('The two passwords do not match.');
    const short = await guest.post('/password/reset', { token, password: 'short', password_confirmation: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Passwords are at least 8 characters.');
    expect((await resetsOf(t.db, user.id))[0].used_at).toBeNull();

    const done = await guest.post('/password/reset', {
      token,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/users/Sandpiper');
    expect(await guest.page('/users/Sandpiper')).toContain('Your password is changed, and you are logged in.');

    // The old sessions are gone; only the one just started remains.
    expect(await sessionsOf(t.db, user.id)).toHaveLength(1);
    expect((await laptop.get('/preferences')).headers.get('location')).toMatch(/^\/login/);
    expect((await phone.get('/preferences')).headers.get('location')).toMatch(/^\/login/);
    expect((await guest.get('/preferences')).status).toBe(200);
    expect((await resetsOf(t.db, user.id))[0].used_at).not.toBeNull();

    // The new password logs in; the old one no longer does.
    const oldLogin = await newBrowser(app).post('/login', { login: 'Sandpiper', password: TEST_PASSWORD });
    expect(await oldLogin.text()).toContain(LOGIN_FAILED);
    const newLogin = await newBrowser(app).post('/login', { login: 'Sandpiper', password: NEW_PASSWORD });
    expect(newLogin.status).toBe(303);

    // Single use: the link is spent.
    const again = newBrowser(app);
    const reopened = await again.get(path);
    expect(reopened.status).toBe(400);
    expect(await reopened.text()).toContain(RESET_LINK_UNUSABLE);
    const reused = await again.post('/password/reset', {
      token,
      password: 'someone else entirely',
      password_confirmation: 'someone else entirely',
    });
    expect(reused.status).toBe(400);
    const relogin = await newBrowser(app).post('/login', { login: 'Sandpiper', password: NEW_PASSWORD });
    expect(relogin.status).toBe(303);
  });

  it('gives the same answer for an unknown email or username, and sends nothing', async () => {
    const user = await makeUser(t.db, { username: 'Turnstone', email: 'turnstone@example.test' });
    const before = smtp.messages.length;
    const resetsBefore = await t.db.selectFrom('password_resets').select('id').execute();

    const unknown = await newBrowser(app).post('/password/forgot', { login: 'nobody-here@example.test' });
    const unknownName = await newBrowser(app).post('/password/forgot', { login: 'NoSuchBird' });
    const known = await newBrowser(app).post('/password/forgot', { login: 'turnstone@example.test' });
    const [unknownHtml, unknownNameHtml, knownHtml] = await Promise.all([
      unknown.text(),
      unknownName.text(),
      known.text(),
    ]);
    expect([unknown.status, unknownName.status, known.status]).toEqual([200, 200, 200]);
    expect(unknownHtml).toContain(RESET_REQUESTED);
    expect(unknownHtml).toBe(knownHtml);
    expect(unknownNameHtml).toBe(knownHtml);

    await mailTo(user, before);
    expect(smtp.messages.slice(before).map((m) => m.envelopeTo)).toEqual([['turnstone@example.test']]);
    const resetsAfter = await t.db.selectFrom('password_resets').select('id').execute();
    expect(resetsAfter).toHaveLength(resetsBefore.length + 1);

    const empty = await newBrowser(app).post('/password/forgot', { login: '  ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Enter your email or username.');
  });

  it('refuses an expired link, and a link replaced by a newer one', async () => {
    const user = await makeUser(t.db, { username: 'Dunlin', email: 'dunlin@example.test' });
    const browser = newBrowser(app);
    let before = smtp.messages.length;
    await browser.post('/password/forgot', { login: 'Dunlin' });
    const first = resetPathIn(await mailTo(user, before));
    before = smtp.messages.length;
    await browser.post('/password/forgot', { login: 'dunlin' });
    const second = resetPathIn(await mailTo(user, before));

    const replaced = await browser.get(first.path);
    expect(replaced.status).toBe(400);
    expect(await replaced.text()).toContain(RESET_LINK_UNUSABLE);
    expect((await browser.get(second.path)).status).toBe(200);

    // An hour later the link has expired.
    await t.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', sha256(second.token))
      .execute();
    expect((await browser.get(second.path)).status).toBe(400);
    const late = await browser.post('/password/reset', {
      token: second.token,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(RESET_LINK_UNUSABLE);
    const stillOld = await newBrowser(app).post('/login', { login: 'Dunlin', password: TEST_PASSWORD });
    expect(stillOld.status).toBe(303);
    expect((await browser.get('/password/reset?token=made-up')).status).toBe(400);
    expect((await browser.get('/password/reset')).status).toBe(400);
  });

  it('limits mails per account (silently, with the same answer) and requests per client address', async () => {
    const user = await makeUser(t.db, { username: 'Knot', email: 'knot@example.test' });
    for (let i = 0; i < 3; i++) {
      const before = smtp.messages.length;
      await newBrowser(app).post('/password/forgot', { login: i % 2 ? 'Knot' : 'knot@example.test' });
      await mailTo(user, before);
    }
    const fourth = await newBrowser(app).post('/password/forgot', { login: 'Knot' });
    expect(fourth.status).toBe(200);
    expect(await fourth.text()).toContain(RESET_REQUESTED);
    expect(await resetsOf(t.db, user.id)).toHaveLength(3);

    const flooder = newBrowser(app);
    for (let i = 0; i < 10; i++) {
      expect((await flooder.post('/password/forgot', { login: `stranger${i}@example.test` })).status).toBe(200);
    }
    const limited = await flooder.post('/password/forgot', { login: 'stranger@example.test' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Too many attempts');
  });
});
