import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { addBlockOrMute } from '../blocking/queries.ts';

forEachDatabase('bookmarks on the site', (t) => {
  const countOf = async (id: number) =>
    (await t.db.selectFrom('works').select('bookmarks_count').where('id', '=', id).executeTakeFirstOrThrow())
      .bookmarks_count;

  async function reader(app: ReturnType<typeof makeTestApp>, user?: User): Promise<Browser> {
    const browser = new Browser(app);
    if (user) await signIn(browser, t.db, user);
    return browser;
  }

  it('bookmarks a work from its Bookmark button with sanitized notes and tags, once per pseud, and counts public ones', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, { title: 'Tidewater Almanac' });
    const fan = await makeUser(t.db);
    const browser = await reader(app, fan);

    expect(await browser.page(`/works/${id}`)).toContain(`href="/works/${id}/bookmarks/new">`);
    const made = await browser.post(`/works/${id}/bookmarks/new`, {
      notes: 'Lovely <script>alert(1)</script><em>quiet</em> ending',
      tags: 'comfort read, Comfort Read, rainy day',
      is_rec: '1',
    });
    expect(made.status).toBe(303);
    const rows = await t.db.selectFrom('bookmarks').selectAll().where('work_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].notes).toContain('<em>quiet</em>');
    expect(rows[0].notes).not.toContain('script');
    const tags = await t.db
      .selectFrom('bookmark_tags')
      .select('name')
      .where('bookmark_id', '=', rows[0].id)
      .orderBy('id')
      .execute();
    expect(tags.map((tag) => tag.name)).toEqual(['comfort read', 'rainy day']);
    expect(await countOf(id)).toBe(1);

    const page = await browser.page(`/works/${id}`);
    expect(page).toContain(`href="/bookmarks/${rows[0].id}/edit">`);
    expect(page).toContain('Edit bookmark');
    // A second time: the form sends them to their bookmark, and a forced post adds nothing.
    const again = await browser.get(`/works/${id}/bookmarks/new`);
    expect(again.headers.get('location')).toBe(`/bookmarks/${rows[0].id}/edit`);
    await browser.post(`/works/${id}/bookmarks/new`, { notes: 'twice' });
    expect(await t.db.selectFrom('bookmarks').select('id').where('work_id', '=', id).execute()).toHaveLength(1);
    expect(await countOf(id)).toBe(1);

    const listing = await (await reader(app)).page(`/works/${id}/bookmarks`);
    expect(listing).toContain('Tidewater Almanac');
    expect(listing).toContain('rainy day');
    expect(listing).toContain('<em>quiet</em>');
    expect(listing).toContain('Rec');
  });

  it('lets only the owner edit or delete, and keeps the count to public bookmarks', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const fan = await makeUser(t.db);
    const other = await makeUser(t.db);
    const owner = await reader(app, fan);
    await owner.post(`/works/${id}/bookmarks/new`, { notes: 'first' });
    const bookmark = await t.db.selectFrom('bookmarks').selectAll().where('work_id', '=', id).executeTakeFirstOrThrow();
    expect(await countOf(id)).toBe(1);

    const stranger = await reader(app, other);
    expect((await stranger.get(`/bookmarks/${bookmark.id}/edit`)).status).toBe(404);
    expect((await stranger.post(`/bookmarks/${bookmark.id}/edit`, { notes: 'mine now' })).status).toBe(404);
    expect((await stranger.post(`/bookmarks/${bookmark.id}/delete`)).status).toBe(404);
    expect(
      (await t.db.selectFrom('bookmarks').select('notes').where('id', '=', bookmark.id).executeTakeFirstOrThrow())
        .notes,
    ).toBe('<p>first</p>');

    expect((await owner.post(`/bookmarks/${bookmark.id}/edit`, { notes: 'second', is_private: '1' })).status).toBe(303);
    expect(await countOf(id)).toBe(0);
    expect(await (await reader(app)).page(`/works/${id}/bookmarks`)).not.toContain('second');
    expect(await owner.page(`/users/${fan.username}/bookmarks`)).toContain('second');
    expect(await stranger.page(`/users/${fan.username}/bookmarks`)).not.toContain('second');

    await owner.post(`/bookmarks/${bookmark.id}/edit`, { notes: 'third' });
    expect(await countOf(id)).toBe(1);
    expect((await owner.post(`/bookmarks/${bookmark.id}/delete`)).status).toBe(303);
    expect(await countOf(id)).toBe(0);
    expect(await t.db.selectFrom('bookmarks').select('id').where('work_id', '=', id).execute()).toEqual([]);
  });

  it('never shows the title of a work that became a draft, restricted, hidden or deleted to those who may not see it', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db);
    const other = await makeUser(t.db);
    const owner = await reader(app, fan);
    const guest = await reader(app);
    const stranger = await reader(app, other);
    const states = {
      posted: {},
      draft: { status: 'draft' },
      restricted: { is_restricted: 1 },
      hidden: { is_hidden: 1 },
      deleted: { deleted_at: new Date().toISOString() },
    } as const;
    const ids: Record<string, number> = {};
    for (const [state, change] of Object.entries(states)) {
      ids[state] = await makeWork(t.db, writer, { title: `Marsh Lantern ${state}` });
      await owner.post(`/works/${ids[state]}/bookmarks/new`, { notes: `note for ${state}` });
      if (Object.keys(change).length)
        await t.db.updateTable('works').set(change).where('id', '=', ids[state]).execute();
    }
    const own = await owner.page(`/users/${fan.username}/bookmarks`);
    const seenBy = {
      guest: await guest.page(`/users/${fan.username}/bookmarks`),
      stranger: await stranger.page(`/users/${fan.username}/bookmarks`),
    };
    for (const state of Object.keys(states)) {
      // The owner keeps every note; the title only where they may still see the work.
      expect(own).toContain(`note for ${state}`);
      expect(own.includes(`Marsh Lantern ${state}`)).toBe(state === 'posted' || state === 'restricted');
      expect(seenBy.guest.includes(`Marsh Lantern ${state}`)).toBe(state === 'posted');
      expect(seenBy.guest.includes(`note for ${state}`)).toBe(state === 'posted');
      expect(seenBy.stranger.includes(`Marsh Lantern ${state}`)).toBe(state === 'posted' || state === 'restricted');
      const workPage = `/works/${ids[state]}/bookmarks`;
      const guestStatus = (await guest.get(workPage)).status;
      expect(guestStatus === 200).toBe(state === 'posted');
      expect((await stranger.get(workPage)).status === 200).toBe(state === 'posted' || state === 'restricted');
    }
    expect(own).toContain('This has been deleted, sorry!');
    expect(own.match(/This work is not available\./g)).toHaveLength(2);
  });

  it('leaves out muted bookmarkers', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const loud = await makeUser(t.db);
    const quiet = await makeUser(t.db);
    const viewer = await makeUser(t.db);
    await (await reader(app, loud)).post(`/works/${id}/bookmarks/new`, { notes: 'very loud opinion' });
    await (await reader(app, quiet)).post(`/works/${id}/bookmarks/new`, { notes: 'gentle opinion' });
    await addBlockOrMute(t.db, 'mute', viewer.id, loud.id);
    const page = await (await reader(app, viewer)).page(`/works/${id}/bookmarks`);
    expect(page).toContain('gentle opinion');
    expect(page).not.toContain('very loud opinion');
    expect(await countOf(id)).toBe(2);
  });
});
