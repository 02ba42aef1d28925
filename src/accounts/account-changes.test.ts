import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeMailingApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import type { App } from '../server.ts';
import { createCredential } from './credentials.ts';
import { WRONG_PASSWORD } from './password-recheck.ts';

const NEW_PASSWORD = 'a quiet tide table';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

forEachDatabase('changing an account', (t) => {
  let smtp: TestSmtpServer;
  let app: App;

  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db));
  });
  afterAll(async () => {
    await smtp.close();
  });

  async function member(username: string) {
    const user = await makeUser(t.db, { username });
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    return { user, browser };
  }

  it('renames an account: old links redirect, works, pseuds and bookmarks follow, the account is mailed', async () => {
    const { user, browser } = await member('old-heron');
    const workId = await makeWork(t.db, user, { title: 'Heron at Dawn' });
    const mark = smtp.messages.length;

    const wrong = await browser.post('/users/old-heron/edit/username', {
      username: 'new-heron',
      username_password: 'nope',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(WRONG_PASSWORD);

    const renamed = await browser.post('/users/old-heron/edit/username', {
      username: 'new-heron',
      username_password: TEST_PASSWORD,
    });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/users/new-heron/edit');
    const mail = await smtp.nextTo(user.email, mark);
    expect(mail.text).toContain('from old-heron to new-heron');

    const redirect = await new Browser(app).get('/users/old-heron/works?page=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/users/new-heron/works?page=1');
    const works = await new Browser(app).page('/users/new-heron/works');
    expect(works).toContain('Heron at Dawn');
    const pseuds = await t.db.selectFrom('pseuds').select('name').where('user_id', '=', user.id).execute();
    expect(pseuds).toEqual([{ name: 'new-heron' }]);
    expect(await new Browser(app).page(`/works/${workId}`)).toContain('new-heron');

    // Once a week.
    const again = await browser.post('/users/new-heron/edit/username', {
      username: 'third-heron',
      username_password: TEST_PASSWORD,
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('less than 7 days ago');
  });

  it('holds the old name from everyone else for 30 days', async () => {
    const { user, browser } = await member('kept-name');
    await browser.post('/users/kept-name/edit/username', { username: 'fresh-name', username_password: TEST_PASSWORD });

    const signup = await new Browser(app).post('/signup', {
      username: 'KEPT-name',
      email: 'grabber@example.test',
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
      accept_tos: '1',
      old_enough: '1',
    });
    expect(signup.status).toBe(422);
    expect(await signup.text()).toContain('That username is already taken.');
    const other = await member('other-namer');
    const taken = await other.browser.post('/users/other-namer/edit/username', {
      username: 'kept-name',
      username_password: TEST_PASSWORD,
    });
    expect(taken.status).toBe(422);

    // 31 days on, the hold and the redirect are over.
    await t.db
      .updateTable('former_usernames')
      .set({ changed_at: daysAgo(31) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await new Browser(app).get('/users/kept-name')).status).toBe(404);
    const later = await other.browser.post('/users/other-namer/edit/username', {
      username: 'kept-name',
      username_password: TEST_PASSWORD,
    });
    expect(later.status).toBe(303);
  });

  it('changes the email address only once the new one is confirmed, and tells the old one', async () => {
    const { user, browser } = await member('mover');
    const mark = smtp.messages.length;
    const asked = await browser.post('/users/mover/edit/email', {
      email: 'mover-new@example.test',
      email_password: TEST_PASSWORD,
    });
    expect(asked.status).toBe(303);
    const toldOld = await smtp.nextTo(user.email, mark);
    expect(toldOld.text).toContain('mover-new@example.test');
    const link = await smtp.nextTo('mover-new@example.test', mark);
    const token = link.text.match(new RegExp(`${TEST_ORIGIN}/confirm-email\\?token=([A-Za-z0-9_-]+)`))?.[1];
    expect(token).toBeTruthy();
    expect(
      (await t.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email,
    ).toBe(user.email);

    const afterLink = smtp.messages.length;
    expect((await browser.post('/confirm-email', { token })).status).toBe(303);
    expect(
      (await t.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email,
    ).toBe('mover-new@example.test');
    const changed = await smtp.nextTo(user.email, afterLink);
    expect(changed.subject).toMatch(/was changed$/);
  });

  it('changes the password with the current one, ending other sessions and revoking tokens and app passwords', async () => {
    const { user, browser } = await member('locksmith');
    const elsewhere = new Browser(app);
    await signIn(elsewhere, t.db, user);
    const token = await createCredential(t.db, user.id, 'script', 'write');
    await createCredential(t.db, user.id, 'e-reader', 'opds');
    const mark = smtp.messages.length;

    const wrong = await browser.post('/users/locksmith/edit/password', {
      current_password: 'not it',
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(422);
    expect((await elsewhere.get('/preferences')).status).toBe(200);

    const changed = await browser.post('/users/locksmith/edit/password', {
      current_password: TEST_PASSWORD,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    const page = await browser.page('/users/locksmith/edit');
    expect(page).toContain('logged out 1 other session and revoked 2 API token and app passwords');
    expect((await elsewhere.get('/preferences')).status).toBe(303);
    const api = await new Browser(app).request('/api/v1/me', { headers: { authorization: `Bearer ${token.secret}` } });
    expect(api.status).toBe(401);
    const live = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expect((await smtp.nextTo(user.email, mark)).text).toContain('Your password was changed.');
    const login = await new Browser(app).post('/login', { login: 'locksmith', password: NEW_PASSWORD, return_to: '/' });
    expect(login.status).toBe(303);
  });

  it('lets nobody else open or change the account page', async () => {
    await member('owner-only');
    const { browser } = await member('meddler');
    expect((await browser.get('/users/owner-only/edit')).status).toBe(403);
    expect(
      (
        await browser.post('/users/owner-only/edit/password', {
          current_password: TEST_PASSWORD,
          password: NEW_PASSWORD,
          password_confirmation: NEW_PASSWORD,
        })
      ).status,
    ).toBe(403);
  });
});
