import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeMailingApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { ReceivedMail, TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import type { App } from '../server.ts';
import { UNCONFIRMED_MESSAGE } from '../web/unconfirmed-notice.tsx';
import { CONFIRM_LINK_UNUSABLE, EMAIL_CONFIRMED } from './confirmation-routes.tsx';

const PASSWORD = 'lantern-harbour-42';

function confirmPathIn(mail: ReceivedMail): { path: string; token: string } {
  const match = mail.text.match(new RegExp(`${TEST_ORIGIN}(/confirm-email\\?token=([A-Za-z0-9_-]+))`));
  if (!match) throw new Error(`no confirmation link in:\n${mail.text}`);
  return { path: match[1], token: match[2] };
}

forEachDatabase('email confirmation', (t) => {
  let smtp: TestSmtpServer;
  let app: App;
  let workId: number;

  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db));
    // Not an empty archive: the first admin is confirmed without mail, later sign-ups are not.
    const writer = await makeUser(t.db, { username: 'first-writer' });
    workId = await makeWork(t.db, writer);
  });
  afterAll(async () => {
    await smtp.close();
  });

  async function signUp(username: string): Promise<{ browser: Browser; mail: ReceivedMail; mark: number }> {
    const mark = smtp.messages.length;
    const browser = new Browser(app);
    const email = `${username}@example.test`;
    const response = await browser.post('/signup', {
      username,
      email,
      password: PASSWORD,
      password_confirmation: PASSWORD,
      accept_tos: '1',
      old_enough: '1',
    });
    expect(response.status).toBe(200);
    const mail = await smtp.nextTo(email, mark);
    expect((await browser.post('/login', { login: username, password: PASSWORD, return_to: '/' })).status).toBe(303);
    return { browser, mail, mark: smtp.messages.length };
  }

  it('lets an unconfirmed account read but not post, comment or bookmark, until its single-use link is opened', async () => {
    const { browser, mail } = await signUp('new-reader');
    expect(mail.subject).toMatch(/confirm your email address$/);
    const home = await browser.page('/');
    expect(home).toContain(UNCONFIRMED_MESSAGE);
    expect(home).toContain('Send the link again');

    expect((await browser.get(`/works/${workId}`)).status).toBe(200);
    const posting = await browser.get('/works/new');
    expect(posting.status).toBe(403);
    expect(await posting.text()).toContain(UNCONFIRMED_MESSAGE);
    expect((await browser.post(`/works/${workId}/comments`, { body: 'A kind word.' })).status).toBeGreaterThanOrEqual(
      400,
    );
    expect((await browser.post(`/works/${workId}/bookmarks/new`, { notes: 'later' })).status).toBeGreaterThanOrEqual(
      400,
    );
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'new-reader')
      .executeTakeFirstOrThrow();
    expect(await t.db.selectFrom('comments').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('bookmarks').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(user.email_confirmed_at).toBeNull();

    const { path, token } = confirmPathIn(mail);
    const ask = await browser.page(path);
    expect(ask).toContain('new-reader@example.test');
    const confirmed = await browser.post('/confirm-email', { token });
    expect(confirmed.status).toBe(303);
    expect(await browser.page('/')).toContain(EMAIL_CONFIRMED);
    expect((await browser.get('/works/new')).status).toBe(200);
    expect(await browser.page('/')).not.toContain(UNCONFIRMED_MESSAGE);

    // Once only.
    const again = await browser.post('/confirm-email', { token });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(CONFIRM_LINK_UNUSABLE);
  });

  it('refuses an expired link and one replaced by "send the link again"', async () => {
    const { browser, mail, mark } = await signUp('late-reader');
    const first = confirmPathIn(mail);
    expect((await browser.post('/confirm-email/resend')).status).toBe(303);
    const second = confirmPathIn(await smtp.nextTo('late-reader@example.test', mark));
    expect(second.token).not.toBe(first.token);
    expect((await browser.post('/confirm-email', { token: first.token })).status).toBe(410);

    await t.db
      .updateTable('email_confirmations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('used_at', 'is', null)
      .execute();
    expect((await browser.get(second.path)).status).toBe(410);
    expect((await browser.post('/confirm-email', { token: second.token })).status).toBe(410);
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'late-reader')
      .executeTakeFirstOrThrow();
    expect(user.email_confirmed_at).toBeNull();
    expect((await browser.get('/works/new')).status).toBe(403);
  });

  it('asks for the Terms of Service and the minimum age at sign-up', async () => {
    const browser = new Browser(app);
    const form = await browser.page('/signup');
    expect(form).toContain('href="/tos"');
    expect(form).toContain('I am at least 13 years old.');
    const refused = await browser.post('/signup', {
      username: 'too-quick',
      email: 'too-quick@example.test',
      password: PASSWORD,
      password_confirmation: PASSWORD,
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Accept the Terms of Service to open an account.');
    expect(html).toContain('You must be old enough to open an account.');
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'too-quick').execute()).toEqual([]);
  });
});
