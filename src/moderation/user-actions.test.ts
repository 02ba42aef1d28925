/** Notes, warnings, suspensions, bans and spammer marks: each one audit row, in force on the next request. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCredential } from '../accounts/credentials.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeMailingApp } from '../../test/support/app.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD, makeStaff } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';

forEachDatabase('moderating users', (t) => {
  let app: App;
  let smtp: TestSmtpServer;
  let mod: Browser;
  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db));
    const moderator = await makeUser(t.db);
    await makeStaff(t.db, moderator.id, 'moderator');
    mod = new Browser(app);
    await signIn(mod, t.db, moderator);
  });
  afterAll(() => smtp.close());

  const act = (name: string, action: string, values: Record<string, string>) =>
    mod.post(`/admin/users/${name}/${action}`, values);
  const apiPost = (token: string, workId: number) =>
    app.request(`http://localhost:3000/api/v1/works/${workId}/kudos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

  it('suspends: the next request may read but not write, by form or token; lifting restores it', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const user = await makeUser(t.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    const token = (await createCredential(t.db, user.id, 't', 'write')).secret;
    expect((await act(user.username, 'suspend', { until: '2999-01-01', reason: 'Cooling off.' })).status).toBe(303);

    await browser.page(`/works/${workId}`);
    const refused = await browser.post(`/works/${workId}/kudos`, {});
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(text).toContain('2999-01-01');
    expect(text).toContain('Cooling off.');
    expect((await apiPost(token, workId)).status).toBe(403);
    expect(await t.db.selectFrom('kudos').select('id').where('work_id', '=', workId).execute()).toEqual([]);

    expect((await act(user.username, 'unsuspend', { reason: 'Done.' })).status).toBe(303);
    expect((await browser.post(`/works/${workId}/kudos`, {})).status).toBeLessThan(400);
    const actions = (await listAuditEntriesFor(t.db, 'user', user.id)).map((e) => e.action);
    expect(actions).toEqual(['user.suspend', 'user.unsuspend']);
  });

  it('bans: sessions and tokens stop at once, log-in is refused, works are hidden and come back when lifted', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { title: 'Tidewrack' });
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    const token = (await createCredential(t.db, user.id, 't', 'read')).secret;
    expect((await act(user.username, 'ban', { reason: 'Harassment.' })).status).toBe(303);

    expect(await browser.page('/')).not.toContain(`<summary>${user.username}</summary>`);
    const viaToken = await app.request('http://localhost:3000/api/v1/works', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status).toBe(401);
    const login = await new Browser(app).post('/login', { login: user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(403);
    expect(await login.text()).toContain('Harassment.');
    expect(await new Browser(app).page('/works')).not.toContain('Tidewrack');

    expect((await act(user.username, 'unban', { reason: 'Appeal accepted.' })).status).toBe(303);
    expect(await new Browser(app).page('/works')).toContain('Tidewrack');
    expect((await new Browser(app).post('/login', { login: user.username, password: TEST_PASSWORD })).status).toBe(303);
    expect((await listAuditEntriesFor(t.db, 'user', user.id)).map((e) => e.action)).toEqual(['user.ban', 'user.unban']);
    expect(
      (await t.db.selectFrom('works').select('is_hidden').where('id', '=', workId).executeTakeFirstOrThrow()).is_hidden,
    ).toBe(0);
  });

  it('marks a spammer: banned, every work and comment hidden and gone from the counts, in one audit row', async () => {
    const spammer = await makeUser(t.db);
    const victim = await makeUser(t.db);
    const victimWork = await makeWork(t.db, victim);
    await makeWork(t.db, spammer, { title: 'Cheap Lanterns' });
    const browser = new Browser(app);
    await signIn(browser, t.db, spammer);
    const pseud = await t.db
      .selectFrom('pseuds')
      .select('id')
      .where('user_id', '=', spammer.id)
      .executeTakeFirstOrThrow();
    await browser.post(`/works/${victimWork}/comments`, { body: 'Buy lanterns today.', pseud_id: String(pseud.id) });
    const count = async () =>
      (await t.db.selectFrom('works').select('comments_count').where('id', '=', victimWork).executeTakeFirstOrThrow())
        .comments_count;
    expect(await count()).toBe(1);

    expect((await act(spammer.username, 'spammer', { reason: 'Spam.' })).status).toBe(303);
    expect(await count()).toBe(0);
    expect(await new Browser(app).page('/works')).not.toContain('Cheap Lanterns');
    expect(await new Browser(app).page(`/works/${victimWork}`)).not.toContain('Buy lanterns today.');
    const entries = await listAuditEntriesFor(t.db, 'user', spammer.id);
    expect(entries.map((e) => e.action)).toEqual(['user.spammer']);
  });

  it('drops a spammer’s kudos from the counts, and lifting the ban restores their kudos, comments and works', async () => {
    const spammer = await makeUser(t.db);
    const victim = await makeUser(t.db);
    const victimWork = await makeWork(t.db, victim, { title: 'Tide Tables' });
    const ownWork = await makeWork(t.db, spammer, { title: 'Lantern Sale' });
    const browser = new Browser(app);
    await signIn(browser, t.db, spammer);
    expect((await browser.post(`/works/${victimWork}/kudos`, {})).status).toBe(303);
    await browser.post(`/works/${victimWork}/comments`, { body: 'Lanterns half price.' });
    const facts = async () =>
      t.db
        .selectFrom('works')
        .select(['kudos_count', 'comments_count'])
        .where('id', '=', victimWork)
        .executeTakeFirstOrThrow();
    expect(await facts()).toEqual({ kudos_count: 1, comments_count: 1 });
    const kudosLine = () => new Browser(app).page(`/works/${victimWork}`);
    expect(await kudosLine()).toContain(spammer.username);

    await act(spammer.username, 'spammer', { reason: 'Spam.' });
    expect(await facts()).toEqual({ kudos_count: 0, comments_count: 0 });
    expect(await kudosLine()).not.toContain(spammer.username);

    expect((await act(spammer.username, 'unban', { reason: 'A mistake.' })).status).toBe(303);
    expect(await facts()).toEqual({ kudos_count: 1, comments_count: 1 });
    const page = await kudosLine();
    expect(page).toContain(spammer.username);
    expect(page).toContain('Lanterns half price.');
    expect(await new Browser(app).page('/works')).toContain('Lantern Sale');
    expect(ownWork).toBeGreaterThan(0);
  });

  it('keeps private notes, mails warnings, and logs each on the user’s page and at /admin/log', async () => {
    const user = await makeUser(t.db);
    expect((await act(user.username, 'note', { reason: 'Watch the tags.' })).status).toBe(303);
    const before = smtp.messages.length;
    expect((await act(user.username, 'warn', { reason: 'Please tag your works properly.' })).status).toBe(303);
    const mail = await smtp.nextTo(user.email, before);
    expect(mail.text).toContain('Please tag your works properly.');
    expect((await act(user.username, 'ban', { reason: '' })).status).toBe(303);
    expect(
      (await t.db.selectFrom('users').select('banned_at').where('id', '=', user.id).executeTakeFirstOrThrow())
        .banned_at,
    ).toBeNull();

    const page = await mod.page(`/admin/users/${user.username}`);
    expect(page).toContain('Watch the tags.');
    expect((await listAuditEntriesFor(t.db, 'user', user.id)).map((e) => e.action)).toEqual(['user.note', 'user.warn']);
    const log = await mod.page(`/admin/log?type=user&id=${user.id}`);
    expect(log).toContain('user.note');
    expect(log).toContain('user.warn');
    expect(await mod.page(`/admin/log?action=user.warn&type=user&id=${user.id}`)).not.toContain('user.note');
    const other = new Browser(app);
    await signIn(other, t.db, user);
    expect((await other.get(`/admin/users/${user.username}`)).status).toBe(403);
  });
});
