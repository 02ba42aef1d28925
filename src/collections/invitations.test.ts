/**
 * A maintainer's invitation of a work: each of its creators is mailed once,
 * and sees it at the top of their inbox and on their dashboard with Accept
 * and Decline — as they see their works waiting for approval; nobody else does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeMailingApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';

forEachDatabase('collection invitations tell the creators', (t) => {
  let smtp: TestSmtpServer;
  let owner: User;
  let writer: User;
  let coWriter: User;
  let ownerB: Browser;
  let writerB: Browser;
  let coWriterB: Browser;

  beforeAll(async () => {
    const mailing = await makeMailingApp(t.db);
    smtp = mailing.smtp;
    [owner, writer, coWriter] = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    [ownerB, writerB, coWriterB] = [new Browser(mailing.app), new Browser(mailing.app), new Browser(mailing.app)];
    await signIn(ownerB, t.db, owner);
    await signIn(writerB, t.db, writer);
    await signIn(coWriterB, t.db, coWriter);
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('mails every creator once and shows the invitation on their inbox and dashboard', async () => {
    await ownerB.post('/collections/new', { name: 'tidewater_zine', title: 'Tidewater Zine', settings: ['moderated'] });
    const pseuds = await Promise.all(
      [writer, coWriter].map((u) =>
        t.db.selectFrom('pseuds').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow(),
      ),
    );
    const invited = await makeWork(t.db, writer, { title: 'Salt Marsh', creatorPseudIds: pseuds.map((p) => p.id) });
    const waiting = await makeWork(t.db, writer, { title: 'Reed Beds' });
    const mark = smtp.messages.length;
    expect((await ownerB.post('/collections/tidewater_zine/invite', { work_id: String(invited) })).status).toBe(303);
    await writerB.post(`/works/${waiting}/collections`, { collections: 'tidewater_zine' });

    for (const person of [writer, coWriter]) {
      const mail = await smtp.nextTo(person.email, mark);
      expect(mail.subject).toBe('Tidewater Zine asks for your work “Salt Marsh”');
      expect(mail.text).toContain('/collection-items');
    }
    expect(smtp.messages.slice(mark).filter((m) => m.envelopeTo.includes(owner.email))).toEqual([]);

    const inbox = await writerB.page(`/users/${writer.username}/inbox`);
    expect(inbox).toContain('Your works in collections');
    expect(inbox).toMatch(/Salt Marsh<\/a> is invited to <a href="\/collections\/tidewater_zine">Tidewater Zine/);
    expect(inbox).toMatch(/Reed Beds<\/a> waits for approval in/);
    expect(inbox).toContain('value="accept"');
    const dashboard = await coWriterB.page(`/users/${coWriter.username}`);
    expect(dashboard).toContain('Salt Marsh');
    expect(dashboard).not.toContain('Reed Beds');
    // Not on the writer's dashboard as others see it.
    expect(await ownerB.page(`/users/${writer.username}`)).not.toContain('Your works in collections');

    const item = await t.db
      .selectFrom('collection_items')
      .select('id')
      .where('work_id', '=', invited)
      .executeTakeFirstOrThrow();
    expect((await coWriterB.post(`/collection-items/${item.id}/answer`, { answer: 'accept' })).status).toBe(303);
    expect(await writerB.page(`/users/${writer.username}/inbox`)).not.toContain('Salt Marsh');
    // Asked once: a second invitation of the same work sends nothing.
    await ownerB.post('/collections/tidewater_zine/invite', { work_id: String(invited) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.slice(mark).filter((m) => m.subject.includes('Salt Marsh'))).toHaveLength(2);
  });
});
