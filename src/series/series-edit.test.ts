import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../test/support/post-form.ts';
import { blurbOrder, makeSeries } from './series.test-helper.ts';

forEachDatabase('changing a series', (t) => {
  let writer: User;
  let friend: User;
  let stranger: User;
  let guest: Browser;
  let writerBrowser: Browser;
  let friendBrowser: Browser;
  let strangerBrowser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    friend = await makeUser(t.db);
    stranger = await makeUser(t.db);
    guest = new Browser(makeTestApp(t.db));
    writerBrowser = new Browser(makeTestApp(t.db));
    friendBrowser = new Browser(makeTestApp(t.db));
    strangerBrowser = new Browser(makeTestApp(t.db));
    await signIn(writerBrowser, t.db, writer);
    await signIn(friendBrowser, t.db, friend);
    await signIn(strangerBrowser, t.db, stranger);
  });

  const seriesRow = (id: number) =>
    t.db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const positions = async (id: number) =>
    (
      await t.db
        .selectFrom('series_works')
        .select(['work_id', 'position'])
        .where('series_id', '=', id)
        .orderBy('position')
        .execute()
    ).map((r) => [r.work_id, r.position]);

  it('lets its creator edit the title, description, notes and completion, cleaning the HTML', async () => {
    const { seriesId } = await makeSeries(t.db, writer, 'Salt Marsh', [{ title: 'Reeds' }]);
    const form = await writerBrowser.page(`/series/${seriesId}/edit`);
    expect(form).toContain('name="title" type="text" value="Salt Marsh"');
    const saved = await writerBrowser.post(`/series/${seriesId}/edit`, {
      title: 'Salt Marsh Stories',
      summary: '<p>Herons <script>alert(1)</script>wait.</p>',
      notes: 'Written one winter.',
      complete: '1',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/series/${seriesId}`);
    const row = await seriesRow(seriesId);
    expect(row.title).toBe('Salt Marsh Stories');
    expect(row.summary).not.toContain('script');
    expect(row.is_complete).toBe(1);
    expect(await writerBrowser.page(`/series/${seriesId}`)).toContain('Your changes to the series are saved.');
    const page = await guest.page(`/series/${seriesId}`);
    expect(page).toContain('<h1 class="heading">Salt Marsh Stories</h1>');
    expect(page).toContain('Herons');
    expect(page).toContain('<p>Written one winter.</p>');
    expect(page).toContain('<dd class="complete">Yes</dd>');

    const empty = await writerBrowser.post(`/series/${seriesId}/edit`, { title: ' ', summary: '', notes: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Give the series a title.');
  });

  it('refuses edits from anyone but its creators', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Cold Fen', [{ title: 'Mist' }, { title: 'Frost' }]);
    expect((await strangerBrowser.get(`/series/${seriesId}/edit`)).status).toBe(403);
    expect((await strangerBrowser.post(`/series/${seriesId}/edit`, { title: 'Taken' })).status).toBe(403);
    const order = { [`position_${workIds[0]}`]: '2', [`position_${workIds[1]}`]: '1' };
    expect((await strangerBrowser.post(`/series/${seriesId}/order`, order)).status).toBe(403);
    expect((await strangerBrowser.post(`/series/${seriesId}/works/${workIds[0]}/remove`)).status).toBe(403);
    const asGuest = await guest.post(`/series/${seriesId}/edit`, { title: 'Taken' });
    expect(asGuest.status).toBe(303);
    expect(asGuest.headers.get('location')).toMatch(/^\/login/);
    expect((await seriesRow(seriesId)).title).toBe('Cold Fen');
    expect(await positions(seriesId)).toEqual([
      [workIds[0], 1],
      [workIds[1], 2],
    ]);
  });

  it('reorders works by the numbers given and removes a work, closing the gap', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Long Beach', [
      { title: 'Sand' },
      { title: 'Shells' },
      { title: 'Stones' },
    ]);
    const [sand, shells, stones] = workIds;
    const edit = await writerBrowser.page(`/series/${seriesId}/edit`);
    expect(edit).toContain(`name="position_${stones}" type="number" min="1" value="3"`);
    const reordered = await writerBrowser.post(`/series/${seriesId}/order`, {
      [`position_${sand}`]: '3',
      [`position_${shells}`]: '1',
      [`position_${stones}`]: '2',
    });
    expect(reordered.status).toBe(303);
    expect(await positions(seriesId)).toEqual([
      [shells, 1],
      [stones, 2],
      [sand, 3],
    ]);
    expect(blurbOrder(await guest.page(`/series/${seriesId}`))).toEqual([shells, stones, sand]);

    const removed = await writerBrowser.post(`/series/${seriesId}/works/${stones}/remove`);
    expect(removed.status).toBe(303);
    expect(await positions(seriesId)).toEqual([
      [shells, 1],
      [sand, 2],
    ]);
    expect((await writerBrowser.post(`/series/${seriesId}/works/${stones}/remove`)).status).toBe(404);
    expect(await guest.page(`/works/${stones}`)).not.toContain('Long Beach');
  });

  it('invites a co-creator who may change the series only after accepting, and forgets a declined invitation', async () => {
    const { seriesId } = await makeSeries(t.db, writer, 'Two Lighthouses', [{ title: 'North Light' }]);
    const friendPseud = await findDefaultPseud(t.db, friend.id);
    const invited = await writerBrowser.post(`/series/${seriesId}/creators`, { pseuds: friend.username });
    expect(invited.status).toBe(303);
    const invitation = () =>
      t.db
        .selectFrom('series_creators')
        .select('is_accepted')
        .where('series_id', '=', seriesId)
        .where('pseud_id', '=', friendPseud.id)
        .executeTakeFirst();
    expect((await invitation())?.is_accepted).toBe(0);
    expect(await writerBrowser.page(`/series/${seriesId}/edit`)).toContain(
      `Invited, waiting for an answer: ${friend.username}.`,
    );
    expect((await friendBrowser.get(`/series/${seriesId}/edit`)).status).toBe(403);
    expect(await guest.page(`/series/${seriesId}`)).not.toContain(friend.username);
    expect(await friendBrowser.page(`/users/${friend.username}/invitations`)).toContain(
      `<a href="/series/${seriesId}/creatorship">Two Lighthouses</a>`,
    );
    const ask = await friendBrowser.page(`/series/${seriesId}/creatorship`);
    expect(ask).toContain(`${writer.username} invited you to be a co-creator of the series “Two Lighthouses”`);
    expect((await strangerBrowser.get(`/series/${seriesId}/creatorship`)).status).toBe(404);
    expect((await strangerBrowser.post(`/series/${seriesId}/creatorship`, { action: 'accept' })).status).toBe(404);

    const accepted = await friendBrowser.post(`/series/${seriesId}/creatorship`, { action: 'accept' });
    expect(accepted.status).toBe(303);
    expect((await invitation())?.is_accepted).toBe(1);
    expect((await friendBrowser.get(`/series/${seriesId}/edit`)).status).toBe(200);
    expect(await guest.page(`/series/${seriesId}`)).toContain(
      `<a rel="author" href="/users/${friend.username}">${friend.username}</a>`,
    );
    // A co-creator may put their own works into the series.
    const posted = await friendBrowser.post(
      '/works/new',
      postForm(friendPseud.id, { title: 'South Light', series_id: String(seriesId) }),
    );
    const southLight = workIdFrom(posted);
    expect(await positions(seriesId)).toContainEqual([southLight, 2]);

    const other = await makeSeries(t.db, writer, 'Three Buoys', [{ title: 'Red Buoy' }]);
    await writerBrowser.post(`/series/${other.seriesId}/creators`, { pseuds: friend.username });
    const declined = await friendBrowser.post(`/series/${other.seriesId}/creatorship`, { action: 'decline' });
    expect(declined.status).toBe(303);
    const left = await t.db
      .selectFrom('series_creators')
      .select('id')
      .where('series_id', '=', other.seriesId)
      .execute();
    expect(left).toEqual([]);
    expect((await friendBrowser.get(`/series/${other.seriesId}/edit`)).status).toBe(403);

    const unknown = await writerBrowser.post(`/series/${seriesId}/creators`, { pseuds: 'nobody-by-this-name' });
    expect(unknown.status).toBe(422);
  });
});
