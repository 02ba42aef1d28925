import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { EMAIL_REFUSED, INVITATION_MISSING, INVITATION_WRONG } from '../accounts/signup-routes.tsx';
import { startBackground, type Background } from '../background.ts';
import { loadConfig, type Config } from '../config.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { createApp, type App } from '../server.ts';
import { makeTwoFactorAdmin, setSettings } from '../settings/settings.test-helper.ts';
import { SettingsStore } from '../settings/store.ts';
import { sendQueuedInvitations } from './send.ts';

const PASSWORD = 'lantern-harbour-42';
const signup = (name: string, extra: Record<string, string> = {}) => ({
  username: name,
  email: `${name.toLowerCase()}@example.test`,
  password: PASSWORD,
  password_confirmation: PASSWORD,
  old_enough: '1',
  accept_tos: '1',
  ...extra,
});
const codeIn = (text: string) => /invitation code on the sign-up page: ([a-z0-9]+)/.exec(text)?.[1];

forEachDatabase('invitations', (t) => {
  let smtp: TestSmtpServer;
  let background: Background;
  let app: App;
  let config: Config;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused', QUIRE_SMTP_URL: smtp.url });
    const mailer = createMailer(config);
    background = startBackground(t.db, { mailer, config }, { pollMs: 10, withSchedule: false });
    app = createApp({ db: t.db, config, mailer, settings: new SettingsStore(t.db, 0) });
    await setSettings(t.db, { accountCreation: 'invitation', inviteQueueOn: true, invitesPerDay: 2 });
  });
  afterAll(async () => {
    await background.stop();
    await smtp.close();
  });

  it('people ask at /invite_requests, see their place, and the daily run mails the first in line', async () => {
    const visitor = new Browser(app);
    expect(await visitor.page('/invite_requests')).toContain('Ask for an invitation');
    const places = [];
    for (const name of ['first', 'second', 'third']) {
      const answer = await new Browser(app).post('/invite_requests', { email: `${name}@queue.test` });
      places.push(/Your place in the queue: (\d+)/.exec(await answer.text())?.[1]);
    }
    expect(places).toEqual(['1', '2', '3']);
    // Asking again shows the same place and adds no one.
    expect(await (await visitor.post('/invite_requests', { email: 'Second@queue.test' })).text()).toContain(
      'Your place in the queue: 2',
    );

    const mark = smtp.messages.length;
    expect(await t.db.transaction().execute((trx) => sendQueuedInvitations(trx, config, new Date()))).toBe(2);
    const mail = await smtp.nextTo('first@queue.test', mark);
    expect(mail.subject).toContain('Your invitation');
    await smtp.nextTo('second@queue.test', mark);
    expect(await (await visitor.post('/invite_requests', { email: 'third@queue.test' })).text()).toContain(
      'Your place in the queue: 1',
    );
    expect(await (await visitor.post('/invite_requests', { email: 'first@queue.test' })).text()).toContain(
      'already been sent',
    );

    // The mailed code opens an account once.
    const code = codeIn(mail.text)!;
    expect(code).toBeDefined();
    const signed = await new Browser(app).post('/signup', signup('Queue_First', { invitation: code }));
    expect(signed.status).toBe(200);
    const used = await new Browser(app).post('/signup', signup('Queue_Again', { invitation: code }));
    expect(used.status).toBe(422);
    expect(await used.text()).toContain(INVITATION_WRONG);
    const rows = await t.db.selectFrom('users').select('username').where('username', 'like', 'Queue_%').execute();
    expect(rows.map((r) => r.username)).toEqual(['Queue_First']);
  });

  it('a sign-up without a code, or with a made-up one, is refused', async () => {
    const missing = await new Browser(app).post('/signup', signup('No_Code'));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain(INVITATION_MISSING);
    const madeUp = await new Browser(app).post('/signup', signup('Made_Up', { invitation: 'notarealcode' }));
    expect(madeUp.status).toBe(422);
    expect(await madeUp.text()).toContain(INVITATION_WRONG);
    expect(
      await t.db.selectFrom('users').select('id').where('username', 'in', ['No_Code', 'Made_Up']).execute(),
    ).toEqual([]);
  });

  it('admins send one directly and give members invitations, which members pass on', async () => {
    const admin = new Browser(app);
    await signIn(admin, t.db, await makeTwoFactorAdmin(t.db));
    let mark = smtp.messages.length;
    expect((await admin.post('/admin/invitations/send', { email: 'direct@example.test' })).status).toBe(303);
    const direct = await smtp.nextTo('direct@example.test', mark);
    expect(
      (await new Browser(app).post('/signup', signup('Direct_One', { invitation: codeIn(direct.text)! }))).status,
    ).toBe(200);

    const member = await makeUser(t.db);
    expect((await admin.post('/admin/invitations/give', { username: member.username, count: '2' })).status).toBe(303);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'invitation.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['invitation.give', 'invitation.send']);
    const browser = new Browser(app);
    await signIn(browser, t.db, member);
    const page = await browser.page('/invitations');
    const id = /action="\/invitations\/(\d+)\/send"/.exec(page)?.[1];
    expect(id).toBeDefined();
    mark = smtp.messages.length;
    expect((await browser.post(`/invitations/${id}/send`, { email: 'friend@example.test' })).status).toBe(303);
    const passed = await smtp.nextTo('friend@example.test', mark);
    expect(passed.text).toContain(`${member.username} has invited you`);
    expect(await admin.page('/admin/invitations')).toContain('friend@example.test');
  });

  it('refuses sign-ups from the listed domains and addresses', async () => {
    await setSettings(t.db, { accountCreation: 'open', refusedEmails: ['spam.test', 'one@example.test'] });
    for (const email of ['someone@spam.test', 'someone@mail.spam.test', 'ONE@example.test']) {
      const refused = await new Browser(app).post('/signup', signup('Refused_One', { email }));
      expect(refused.status, email).toBe(422);
      expect(await refused.text()).toContain(EMAIL_REFUSED);
    }
    expect((await new Browser(app).post('/signup', signup('Allowed_One', { email: 'two@example.test' }))).status).toBe(
      200,
    );
    await setSettings(t.db, { refusedEmails: [] });
  });
});
