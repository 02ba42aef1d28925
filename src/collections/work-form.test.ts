/**
 * The post and edit forms' Collections field: names resolved, refusals named
 * beside the field with the form kept, items added and removed in the work's
 * own save, the blurbs' "Collections: …", and the suggestions.
 */
import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { decode, fieldError, postForm, workIdFrom } from '../../test/support/post-form.ts';

forEachDatabase('the Collections field of the post and edit forms', (t) => {
  let owner: User;
  let writer: User;
  let ownerB: Browser;
  let writerB: Browser;
  let guest: Browser;
  let pseudId: number;

  beforeAll(async () => {
    owner = await makeUser(t.db);
    writer = await makeUser(t.db);
    const app = makeTestApp(t.db);
    [ownerB, writerB, guest] = [new Browser(app), new Browser(app), new Browser(app)];
    await signIn(ownerB, t.db, owner);
    await signIn(writerB, t.db, writer);
    pseudId = (await findDefaultPseud(t.db, writer.id)).id;
    for (const [name, title, settings] of [
      ['lantern_fest', 'Lantern Fest', []],
      ['quiet_zine', 'Quiet Zine', ['moderated']],
      ['shut_door', 'Shut Door', ['closed']],
      ['inner_circle', 'Inner Circle', ['members_only']],
    ] as const) {
      const res = await ownerB.post('/collections/new', { name, title, settings: [...settings] });
      expect(res.status).toBe(303);
    }
  });

  const collectionId = async (name: string) =>
    (await t.db.selectFrom('collections').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const statuses = async (workId: number) =>
    Object.fromEntries(
      (
        await t.db
          .selectFrom('collection_items as ci')
          .innerJoin('collections as c', 'c.id', 'ci.collection_id')
          .select(['c.name', 'ci.status'])
          .where('ci.work_id', '=', workId)
          .execute()
      ).map((r) => [r.name, r.status]),
    );

  it('posting into an open and a moderated collection: in one at once, waiting in the other', async () => {
    const res = await writerB.post(
      '/works/new',
      postForm(pseudId, { title: 'Paper Boats', collections: 'Lantern_Fest, quiet_zine' }),
    );
    expect(res.status).toBe(303);
    const workId = workIdFrom(res);
    expect(await statuses(workId)).toEqual({ lantern_fest: 'approved', quiet_zine: 'awaiting' });
    const listing = await guest.page('/collections/lantern_fest');
    expect(listing).toContain('Paper Boats');
    expect(listing).toContain('Collections: <a href="/collections/lantern_fest">Lantern Fest</a>');
    expect(await guest.page('/collections/quiet_zine')).not.toContain('Paper Boats');
  });

  it('unknown, closed and members-only collections are named beside the field; nothing is saved, the form kept', async () => {
    const before = await t.db.selectFrom('works').select('id').execute();
    const res = await writerB.post(
      '/works/new',
      postForm(pseudId, { title: 'Kept Title', collections: 'lantern_fest, no_such_place, shut_door, inner_circle' }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    const error = fieldError(html, 'collections') ?? '';
    expect(error).toContain('“no_such_place”');
    expect(error).toContain('“shut_door” is closed');
    expect(error).toContain('Only members may post to “inner_circle”');
    expect(error).not.toContain('lantern_fest');
    expect(decode(html)).toContain('value="lantern_fest, no_such_place, shut_door, inner_circle"');
    expect(html).toContain('value="Kept Title"');
    expect(await t.db.selectFrom('works').select('id').execute()).toHaveLength(before.length);
  });

  it('a member may post to the closed collection from the form', async () => {
    await t.db
      .insertInto('collection_participants')
      .values({ collection_id: await collectionId('shut_door'), user_id: writer.id, role: 'member' })
      .execute();
    const res = await writerB.post(
      '/works/new',
      postForm(pseudId, { title: 'Members Door', collections: 'shut_door' }),
    );
    expect(res.status).toBe(303);
    expect(await statuses(workIdFrom(res))).toEqual({ shut_door: 'approved' });
  });

  it('the edit form shows the work’s collections; saving adds the new ones and removes the dropped ones', async () => {
    const res = await writerB.post(
      '/works/new',
      postForm(pseudId, { title: 'Moving Tide', collections: 'lantern_fest' }),
    );
    const workId = workIdFrom(res);
    const form = await writerB.page(`/works/${workId}/edit`);
    expect(form).toContain('name="collections" type="text" value="lantern_fest"');
    const edited = await writerB.post(
      `/works/${workId}/edit`,
      postForm(pseudId, { title: 'Moving Tide', action: 'save', collections: 'quiet_zine' }),
    );
    expect(edited.status).toBe(303);
    expect(await statuses(workId)).toEqual({ lantern_fest: 'removed', quiet_zine: 'awaiting' });
    expect(await guest.page('/collections/lantern_fest')).not.toContain('Moving Tide');
    // A refusal on edit keeps the work as it was.
    const refused = await writerB.post(
      `/works/${workId}/edit`,
      postForm(pseudId, { title: 'Renamed Tide', action: 'save', collections: 'inner_circle' }),
    );
    expect(refused.status).toBe(422);
    const title = await t.db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirstOrThrow();
    expect(title.title).toBe('Moving Tide');
    expect(await statuses(workId)).toEqual({ lantern_fest: 'removed', quiet_zine: 'awaiting' });
  });

  it('suggests the collections this person may post to, as they type', async () => {
    const named = async (b: Browser, q: string) =>
      ((await (await b.get(`/collections/autocomplete?q=${q}`)).json()) as Array<{ name: string }>).map((s) => s.name);
    expect(await named(guest, 'lan')).toEqual(['lantern_fest']);
    expect(await named(guest, 'Quiet')).toEqual(['quiet_zine']);
    expect(await named(guest, 'shut')).toEqual([]);
    expect(await named(writerB, 'shut')).toEqual(['shut_door']);
    expect(await named(guest, '%')).toEqual([]);
    expect(await writerB.page('/works/new')).toContain('data-suggest-from="/collections/autocomplete"');
    // The work page's "Add to collection" field too, with its script, for the work's creators only.
    const res = await writerB.post('/works/new', postForm(pseudId, { title: 'Suggested Tide' }));
    const workPage = await writerB.page(new URL(res.headers.get('location')!, 'http://x').pathname);
    expect(workPage).toMatch(/name="collections"[^>]*data-suggest-from="\/collections\/autocomplete"/);
    expect(workPage).toContain('src="/assets/tag-autocomplete.js"');
    expect(await guest.page(new URL(res.headers.get('location')!, 'http://x').pathname)).not.toContain(
      'tag-autocomplete.js',
    );
  });
});
