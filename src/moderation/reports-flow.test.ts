/** Reports from every kind of page, their limits, the queue's grouping, resolving, and the reporter's mail. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setRole } from '../accounts/queries.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeMailingApp } from '../../test/support/app.ts';
import { makeUser, makeWork, signIn, makeStaff } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';

forEachDatabase('reports and the review queue', (t) => {
  let app: App;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db, { QUIRE_TRUST_PROXY: '1' }));
  });
  afterAll(() => smtp.close());

  const report = (browser: Browser, values: Record<string, string>, address = '203.0.113.9') =>
    browser.post(
      '/reports',
      { category: 'spam', description: 'Adverts in every chapter.', ...values },
      { 'x-forwarded-for': address },
    );

  async function moderator() {
    const user = await makeUser(t.db);
    await makeStaff(t.db, user.id, 'moderator');
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    return { user, browser };
  }

  it('opens the admin area to a moderator or admin only with two-factor sign-in on; support staff need none', async () => {
    for (const role of ['moderator', 'admin'] as const) {
      const bare = await makeUser(t.db);
      await setRole(t.db, bare.id, role, true);
      const browser = new Browser(app);
      await signIn(browser, t.db, bare);
      for (const path of ['/admin', '/admin/reports', '/admin/log', `/admin/users/${bare.username}`]) {
        const refused = await browser.get(path);
        expect(refused.status, `${role} ${path}`).toBe(403);
        expect(await refused.text()).toContain('/preferences/two-factor');
      }
      const acting = await browser.post(`/admin/users/${bare.username}/note`, { reason: 'A note.' });
      expect(acting.status).toBe(403);
    }
    const { browser } = await moderator();
    expect((await browser.get('/admin/reports')).status).toBe(200);
    const support = await makeUser(t.db);
    await setRole(t.db, support.id, 'support', true);
    const supportBrowser = new Browser(app);
    await signIn(supportBrowser, t.db, support);
    expect((await supportBrowser.get('/admin/reports')).status).toBe(200);
  });

  it('files reports from each kind of page, by members and guests, once a day each', async () => {
    const creator = await makeUser(t.db);
    const workId = await makeWork(t.db, creator, { title: 'The Salt Road' });
    const chapterId = (
      await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()
    ).id;
    const seriesId = Number(
      (
        await t.db
          .insertInto('series')
          .values({ title: 'Roads', owner_id: creator.id, created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const member = new Browser(app);
    await signIn(member, t.db, await makeUser(t.db));
    const guest = new Browser(app);

    const workPage = await member.page(`/works/${workId}`);
    expect(workPage).toContain(`/reports/new?type=work&amp;id=${workId}`);
    const form = await guest.page(`/reports/new?type=work&id=${workId}`);
    expect(form).toContain('The Salt Road');
    expect(form).toContain('name="email"');
    expect(await member.page(`/reports/new?type=user&id=${creator.id}`)).not.toContain('name="email"');

    for (const [type, id] of [
      ['work', workId],
      ['chapter', chapterId],
      ['series', seriesId],
      ['user', creator.id],
    ] as const) {
      const sent = await report(member, { type, id: String(id) });
      expect(sent.status, type).toBe(303);
    }
    const again = await report(member, { type: 'work', id: String(workId) });
    expect(again.status).toBe(303);
    const flash = await member.page(again.headers.get('location')!);
    expect(flash).toContain('You reported this already today');

    const noEmail = await report(guest, { type: 'work', id: String(workId) });
    expect(noEmail.status).toBe(422);
    expect(await noEmail.text()).toContain('Give an address');
    expect((await report(guest, { type: 'work', id: String(workId), email: 'guest.one@example.test' })).status).toBe(
      303,
    );

    const rows = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('target_id', 'in', [workId, chapterId, seriesId, creator.id])
      .execute();
    expect(rows.filter((r) => r.target_type === 'work')).toHaveLength(2);
    expect(rows.map((r) => r.target_type).sort()).toEqual(['chapter', 'series', 'user', 'work', 'work']);
  });

  it('refuses reports of a draft the reporter cannot see', async () => {
    const creator = await makeUser(t.db);
    const draftId = await makeWork(t.db, creator, { post: false });
    const guest = new Browser(app);
    expect((await guest.get(`/reports/new?type=work&id=${draftId}`)).status).toBe(404);
    expect((await report(guest, { type: 'work', id: String(draftId), email: 'x@example.test' })).status).toBe(404);
  });

  it('rate limits reports per client address', async () => {
    const creator = await makeUser(t.db);
    const guest = new Browser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const workId = await makeWork(t.db, creator);
      statuses.push(
        (await report(guest, { type: 'work', id: String(workId), email: `g${i}@example.test` }, '198.51.100.77'))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('groups a thing’s reports into one queue item, resolves them with an action, and tells each reporter', async () => {
    const creator = await makeUser(t.db);
    const workId = await makeWork(t.db, creator, { title: 'Gulls Over Harbour' });
    const reporters = await Promise.all([1, 2, 3].map(() => makeUser(t.db)));
    for (const [i, person] of reporters.entries()) {
      const browser = new Browser(app);
      await signIn(browser, t.db, person);
      expect((await report(browser, { type: 'work', id: String(workId) }, `192.0.2.${i + 1}`)).status).toBe(303);
    }
    const guest = new Browser(app);
    await report(guest, { type: 'work', id: String(workId), email: 'harbour.guest@example.test' }, '192.0.2.50');

    const { browser: mod } = await moderator();
    const queue = await mod.page('/admin/reports');
    const rows = queue.split('<tr>').filter((row) => row.includes('Gulls Over Harbour'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('<td class="report-count">4</td>');

    const item = await mod.page(`/admin/reports/work/${workId}`);
    expect(item).toContain(reporters[0].username);
    expect(item).toContain('harbour.guest@example.test');

    const before = smtp.messages.length;
    const resolved = await mod.post(`/admin/reports/work/${workId}/resolve`, { resolution: 'hide', reason: 'Spam.' });
    expect(resolved.status).toBe(303);
    const work = await t.db
      .selectFrom('works')
      .select(['is_hidden', 'hidden_reason'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(work).toEqual({ is_hidden: 1, hidden_reason: 'Spam.' });
    expect(await mod.page('/admin/reports')).not.toContain('Gulls Over Harbour');

    for (const address of [...reporters.map((r) => r.email), 'harbour.guest@example.test']) {
      const mail = await smtp.nextTo(address, before);
      expect(mail.text).toContain('The work was hidden.');
    }
    const modName = (
      await t.db.selectFrom('users').select('username').where('is_moderator', '=', 1).executeTakeFirstOrThrow()
    ).username;
    for (const mail of smtp.messages.slice(before)) expect(mail.text).not.toContain(modName);

    const entries = await listAuditEntriesFor(t.db, 'work', workId);
    expect(entries.map((e) => e.action)).toEqual(['work.hide']);
    expect(entries[0].reason).toBe('Spam.');

    const member = new Browser(app);
    await signIn(member, t.db, reporters[0]);
    expect(await member.page('/reports')).toContain('The work was hidden.');
    // And in their inbox, unread and counted in the header, without the moderator's name.
    const inbox = await member.page(`/users/${reporters[0].username}/inbox`);
    expect(inbox).toContain('Your report of a work (spam,');
    expect(inbox).toContain('The work was hidden.');
    expect(inbox).toContain('(1 unread)');
    expect(inbox).not.toContain(modName);
  });

  it('lets support read the queue but not act, and keeps readers out', async () => {
    const support = await makeUser(t.db);
    await setRole(t.db, support.id, 'support', true);
    const browser = new Browser(app);
    await signIn(browser, t.db, support);
    expect(await browser.page('/admin')).toContain('things reported');
    await browser.page('/admin/reports');
    const creator = await makeUser(t.db);
    const workId = await makeWork(t.db, creator);
    expect((await browser.post(`/admin/works/${workId}/hide`, { reason: 'no' })).status).toBe(403);
    expect((await browser.get('/admin/log')).status).toBe(403);

    const reader = new Browser(app);
    await signIn(reader, t.db, await makeUser(t.db));
    expect((await reader.get('/admin')).status).toBe(403);
    expect((await reader.get('/admin/reports')).status).toBe(403);
    expect((await reader.post(`/admin/works/${workId}/hide`, { reason: 'no' })).status).toBe(403);
    expect(
      (await t.db.selectFrom('works').select('is_hidden').where('id', '=', workId).executeTakeFirstOrThrow()).is_hidden,
    ).toBe(0);
  });
});
