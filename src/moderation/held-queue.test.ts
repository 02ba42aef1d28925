/** The held queue: a young account's spam-like work or comment waits unseen until a moderator decides. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn, makeStaff } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';
import { setSettings } from '../settings/settings.test-helper.ts';

const SPAM = [1, 2, 3, 4, 5, 6].map((n) => `<p>Cheap pills at https://pills${n}.example.test today.</p>`).join('');

forEachDatabase('the held queue', (t) => {
  let app: App;
  beforeAll(async () => {
    // The admin's "new account" hours are the one source: the hold reads them from the database.
    await setSettings(t.db, { newAccountPostHours: 24 });
    app = makeTestApp(t.db);
  });
  afterAll(async () => {
    await setSettings(t.db, { newAccountPostHours: 0 });
  });

  async function signedIn(role?: 'moderator') {
    const user = await makeUser(t.db);
    if (role) await makeStaff(t.db, user.id, role);
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    return { user, browser };
  }

  it('holds a young account’s work full of links, shows it only to its creator and moderators, and releases it', async () => {
    const { user: spammer, browser: own } = await signedIn();
    const heldId = await makeWork(t.db, spammer, { title: 'Pill Garden', chapters: [chapter(SPAM)] });
    const fineId = await makeWork(t.db, spammer, {
      title: 'Quiet Tide',
      chapters: [chapter('<p>The tide came in without a sound that evening.</p>')],
    });
    const row = await t.db
      .selectFrom('works')
      .select(['is_held', 'hold_reason'])
      .where('id', '=', heldId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_held: 1, hold_reason: 'links' });

    const guest = new Browser(app);
    const listing = await guest.page('/works');
    expect(listing).toContain('Quiet Tide');
    expect(listing).not.toContain('Pill Garden');
    expect((await guest.get(`/works/${heldId}`)).status).toBe(404);
    expect((await guest.get(`/works/${fineId}`)).status).toBe(200);
    expect(await own.page(`/works/${heldId}`)).toContain('Pill Garden');

    const { browser: mod } = await signedIn('moderator');
    const queue = await mod.page('/admin/reports');
    expect(queue).toContain('Pill Garden');
    expect(queue).not.toContain('Quiet Tide');
    expect((await mod.get(`/works/${heldId}`)).status).toBe(200);

    expect((await mod.post(`/admin/works/${heldId}/release`, {})).status).toBe(303);
    expect(await guest.page('/works')).toContain('Pill Garden');
    expect(await mod.page('/admin/reports')).not.toContain('Pill Garden');
    expect((await listAuditEntriesFor(t.db, 'work', heldId)).map((e) => e.action)).toEqual(['work.release']);
    expect((await mod.post(`/admin/works/${heldId}/release`, {})).status).toBe(303);
    expect((await listAuditEntriesFor(t.db, 'work', heldId)).map((e) => e.action)).toEqual(['work.release']);
  });

  it('holds a work repeating another account’s text, and removing it deletes it', async () => {
    const text = '<p>Visit my shop for the finest lanterns on the whole coast.</p>';
    const first = await makeUser(t.db);
    await makeWork(t.db, first, { title: 'Lantern Shop One', chapters: [chapter(text)] });
    const second = await makeUser(t.db);
    const copyId = await makeWork(t.db, second, { title: 'Lantern Shop Two', chapters: [chapter(text)] });
    expect(
      (await t.db.selectFrom('works').select('hold_reason').where('id', '=', copyId).executeTakeFirstOrThrow())
        .hold_reason,
    ).toBe('repeated');
    const { browser: mod } = await signedIn('moderator');
    expect((await mod.post(`/admin/works/${copyId}/remove`, {})).status).toBe(303);
    const gone = await t.db
      .selectFrom('works')
      .select(['is_held', 'deleted_at'])
      .where('id', '=', copyId)
      .executeTakeFirstOrThrow();
    expect(gone.is_held).toBe(0);
    expect(gone.deleted_at).not.toBeNull();
  });

  it('lets an older account post the same links', async () => {
    const old = await makeUser(t.db);
    await t.db.updateTable('users').set({ created_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', old.id).execute();
    const workId = await makeWork(t.db, old, { chapters: [chapter(SPAM)] });
    expect(
      (await t.db.selectFrom('works').select('is_held').where('id', '=', workId).executeTakeFirstOrThrow()).is_held,
    ).toBe(0);
  });

  it('holds a young member’s comment with many links for the moderators, not the guest rules alone', async () => {
    const creator = await makeUser(t.db);
    await t.db
      .updateTable('users')
      .set({ created_at: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', creator.id)
      .execute();
    const workId = await makeWork(t.db, creator, { title: 'Harbour Bells' });
    const { browser: young } = await signedIn();
    const posted = await young.post(`/works/${workId}/comments`, {
      body: 'Great! https://a.example.test https://b.example.test https://c.example.test',
    });
    expect(posted.status).toBe(303);
    const comment = await t.db
      .selectFrom('comments')
      .select(['state', 'hold_reason'])
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(comment).toEqual({ state: 'held', hold_reason: 'links' });
    const { browser: mod } = await signedIn('moderator');
    expect(await mod.page('/admin/reports')).toContain('b.example.test');
  });
});
