/** Bookmark lists: made, filed into from the edit form, shown to whom they may be, deleted without the bookmarks. */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';

forEachDatabase('bookmark lists', (t) => {
  it('files bookmarks into public and private lists that show each reader only what they may see', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db);
    const owner = new Browser(app);
    await signIn(owner, t.db, fan);
    const otherUser = await makeUser(t.db);
    const other = new Browser(app);
    await signIn(other, t.db, otherUser);
    const guest = new Browser(app);

    const made = await owner.post('/lists/new', { name: 'Sea stories', description: 'Salt and <em>spray</em>' });
    expect(made.status).toBe(303);
    const publicList = Number(made.headers.get('location')!.split('/').pop());
    const secret = await owner.post('/lists/new', { name: 'Guilty pleasures', is_private: '1' });
    const privateList = Number(secret.headers.get('location')!.split('/').pop());
    expect((await owner.post('/lists/new', { name: 'Sea stories' })).headers.get('location')).toBe(
      `/users/${fan.username}/lists`,
    );

    const open = await makeWork(t.db, writer, { title: 'Harbour Song' });
    const hush = await makeWork(t.db, writer, { title: 'Quiet Pier' });
    await owner.post(`/works/${open}/bookmarks/new`, { notes: 'open note' });
    await owner.post(`/works/${hush}/bookmarks/new`, { notes: 'hush note', is_private: '1' });
    const ids = await t.db.selectFrom('bookmarks').select(['id', 'work_id']).orderBy('id').execute();
    // The other member's list id is ignored when they file; the owner's form offers both of theirs.
    const theirs = await other.post('/lists/new', { name: 'Mine' });
    const theirList = Number(theirs.headers.get('location')!.split('/').pop());
    expect(await owner.page(`/bookmarks/${ids[0].id}/edit`)).toContain('Guilty pleasures');
    await owner.post(`/bookmarks/${ids[0].id}/edit`, {
      notes: 'open note',
      list_ids: [String(publicList), String(privateList), String(theirList)],
    });
    await owner.post(`/bookmarks/${ids[1].id}/edit`, {
      notes: 'hush note',
      is_private: '1',
      list_ids: [String(publicList)],
    });
    const filed = await t.db.selectFrom('bookmark_list_items').select(['list_id', 'bookmark_id']).execute();
    expect(filed).toHaveLength(3);
    expect(filed.some((f) => f.list_id === theirList)).toBe(false);

    const ownPublic = await owner.page(`/lists/${publicList}`);
    expect(ownPublic).toContain('open note');
    expect(ownPublic).toContain('hush note');
    expect(ownPublic).toContain('<em>spray</em>');
    for (const browser of [guest, other]) {
      const page = await browser.page(`/lists/${publicList}`);
      expect(page).toContain('open note');
      expect(page).not.toContain('hush note');
      expect(page).not.toContain('Quiet Pier');
      expect((await browser.get(`/lists/${privateList}`)).status).toBe(404);
      expect(await browser.page(`/users/${fan.username}/lists`)).not.toContain('Guilty pleasures');
      expect((await browser.post(`/lists/${publicList}/delete`, {})).status).toBe(404);
    }
    expect(await owner.page(`/lists/${privateList}`)).toContain('open note');
    expect(await owner.page(`/users/${fan.username}/lists`)).toContain('Guilty pleasures');

    expect((await owner.post(`/lists/${publicList}/delete`, {})).status).toBe(303);
    expect(await t.db.selectFrom('bookmark_lists').select('id').where('id', '=', publicList).execute()).toHaveLength(0);
    expect(await t.db.selectFrom('bookmarks').select('id').where('user_id', '=', fan.id).execute()).toHaveLength(2);
  });
});
