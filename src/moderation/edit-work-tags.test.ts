/**
 * A moderator's edit of a work's tags, rating, warnings and language: an audited command with a reason, from
 * the work's moderation page, that flows like a creator's edit (the filter tags, search, the page cache) and
 * tells each creator what changed — in their inbox and by mail (the real SMTP test server) — never by whom.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEntriesFor } from '../audit/queries.ts';
import { Browser, makeMailingApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, makeStaff } from '../../test/support/factories.ts';
import { addCoCreator } from '../comments/comments.test-helper.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import type { App } from '../server.ts';

const FORM = {
  rating: 'Mature',
  warnings: 'Graphic Depictions Of Violence',
  fandoms: 'Original Work',
  relationships: '',
  characters: 'The Keeper',
  freeforms: 'Sea Glass, Storm Surge',
  language: 'fr',
  reason: 'The storm chapter is violent; tagged to fit.',
};

forEachDatabase('a moderator edits a work’s tags', (t) => {
  let app: App;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    // The page cache on: the edit must drop the guest's cached work page and listings.
    ({ app, smtp } = await makeMailingApp(t.db, { QUIRE_PAGE_CACHE: 'on' }));
  });
  afterAll(() => smtp.close());

  it('saves the change through the work-saving path, audits it, and tells each creator what changed', async () => {
    const creator = await makeUser(t.db);
    const coCreator = await makeUser(t.db);
    const moderatorUser = await makeUser(t.db);
    await makeStaff(t.db, moderatorUser.id, 'moderator');
    const workId = await makeWork(t.db, creator, {
      title: 'Beacon Weather',
      rating: 'Teen And Up Audiences',
      warnings: ['No Archive Warnings Apply'],
      fandoms: ['Original Work'],
      characters: ['The Keeper'],
      freeforms: ['Sea Glass'],
    });
    await addCoCreator(t.db, workId, coCreator);
    const guest = new Browser(app);
    const page = await guest.page(`/works/${workId}`);
    expect(page).toContain('Teen And Up Audiences');
    expect((await guest.get('/tags/Storm%20Surge/works')).status).toBe(404); // no such tag yet

    const member = new Browser(app);
    await signIn(member, t.db, await makeUser(t.db));
    expect((await member.get(`/admin/works/${workId}/edit`)).status).toBe(403);
    expect((await member.post(`/admin/works/${workId}/edit`, FORM)).status).toBe(403);

    const mod = new Browser(app);
    await signIn(mod, t.db, moderatorUser);
    expect(await mod.page(`/admin/reports/work/${workId}`)).toContain(`href="/admin/works/${workId}/edit"`);
    const form = await mod.page(`/admin/works/${workId}/edit`);
    expect(form).toContain('value="Sea Glass"');

    // No reason, and a bad tag: the messages beside the fields, every typed value kept, nothing saved.
    const refused = await mod.post(`/admin/works/${workId}/edit`, { ...FORM, reason: '', fandoms: '' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Give a reason');
    expect(refusedHtml).toContain('Add at least one fandom');
    expect(refusedHtml).toContain('value="Sea Glass, Storm Surge"');
    expect(
      (await t.db.selectFrom('works').select('rating').where('id', '=', workId).executeTakeFirstOrThrow()).rating,
    ).toBe('Teen And Up Audiences');

    const before = smtp.messages.length;
    const saved = await mod.post(`/admin/works/${workId}/edit`, FORM);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/reports/work/${workId}`);

    // It flows like a creator's edit: the row, the filter tags (a tag page finds it), the guest's page.
    const row = await t.db
      .selectFrom('works')
      .innerJoin('languages', 'languages.id', 'works.language_id')
      .select(['works.rating', 'languages.code'])
      .where('works.id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: 'Mature', code: 'fr' });
    expect(await guest.page('/tags/Storm%20Surge/works')).toContain('Beacon Weather');
    expect(await guest.page('/tags/Graphic%20Depictions%20Of%20Violence/works')).toContain('Beacon Weather');
    expect(await guest.page('/tags/No%20Archive%20Warnings%20Apply/works')).not.toContain('Beacon Weather');
    const after = await new Browser(app).page(`/works/${workId}?view_adult=true`);
    expect(after).toContain('Storm Surge');
    expect(after).not.toContain('Teen And Up Audiences');

    // One audit row, with the reason and the classification before and after.
    const entries = await listAuditEntriesFor(t.db, 'work', workId);
    expect(entries.map((e) => e.action)).toEqual(['work.edit-tags']);
    expect(entries[0]!.reason).toBe(FORM.reason);
    expect(JSON.stringify(entries[0])).toContain('Teen And Up Audiences');
    expect(JSON.stringify(entries[0])).toContain('Storm Surge');

    // Each creator: a mail and an inbox notice saying what changed and why, never who.
    for (const person of [creator, coCreator]) {
      const mail = await smtp.nextTo(person.email, before);
      expect(mail.text).toContain('Rating: Teen And Up Audiences → Mature.');
      expect(mail.text).toContain('Archive warnings: added “Graphic Depictions Of Violence”; removed');
      expect(mail.text).toContain('Additional tags: added “Storm Surge”.');
      expect(mail.text).toContain('Language: English → Français.');
      expect(mail.text).toContain(FORM.reason);
      expect(mail.text).not.toContain(moderatorUser.username);
      const browser = new Browser(app);
      await signIn(browser, t.db, person);
      const inbox = await browser.page(`/users/${person.username}/inbox`);
      expect(inbox).toContain('A moderator changed your work');
      expect(inbox).toContain('Rating: Teen And Up Audiences → Mature.');
      expect(inbox).toContain('(1 unread)');
      expect(inbox).not.toContain(moderatorUser.username);
    }

    // The same form again changes nothing, and says so.
    const again = await mod.post(`/admin/works/${workId}/edit`, FORM);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Nothing was changed');
    expect(await listAuditEntriesFor(t.db, 'work', workId)).toHaveLength(1);
  });
});
