import { beforeAll, expect, it } from 'vitest';
import { createUser, findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { fieldError, postForm, workIdFrom } from '../../test/support/post-form.ts';

forEachDatabase('co-creator invitations', (t) => {
  let writer: User;
  let friend: User;
  let pseudId: number;
  let writerBrowser: Browser;
  let friendBrowser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    friend = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, writer.id)).id;
    writerBrowser = new Browser(makeTestApp(t.db));
    friendBrowser = new Browser(makeTestApp(t.db));
    await signIn(writerBrowser, t.db, writer);
    await signIn(friendBrowser, t.db, friend);
  });

  const acceptedOf = async (workId: number, userId: number) => {
    const row = await t.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('creatorships.is_accepted')
      .where('creatorships.work_id', '=', workId)
      .where('pseuds.user_id', '=', userId)
      .executeTakeFirst();
    return row?.is_accepted;
  };

  it('invites, lists the invitation, and lets the invitee edit only after accepting', async () => {
    const workId = workIdFrom(
      await writerBrowser.post('/works/new', postForm(pseudId, { title: 'Two Hands', co_creators: friend.username })),
    );
    expect(await acceptedOf(workId, friend.id)).toBe(0);
    expect((await friendBrowser.get(`/works/${workId}/edit`)).status).toBe(403);

    const list = await friendBrowser.page(`/users/${friend.username}/invitations`);
    expect(list).toContain(`<a href="/works/${workId}/creatorship">Two Hands</a>`);
    const page = await friendBrowser.page(`/works/${workId}/creatorship`);
    expect(page).toContain(`${writer.username} invited you to be a co-creator of “Two Hands”`);
    expect(page).toMatch(/<button[^>]*value="accept"[^>]*>Accept<\/button>/);

    const accepted = await friendBrowser.post(`/works/${workId}/creatorship`, { action: 'accept' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/works/${workId}`);
    expect(await acceptedOf(workId, friend.id)).toBe(1);
    expect((await friendBrowser.get(`/works/${workId}/edit`)).status).toBe(200);
    expect(await friendBrowser.page(`/users/${friend.username}/invitations`)).toContain(
      'You have no invitations waiting.',
    );

    // The co-creator's edit form lists the original writer as a co-creator; saving keeps both accepted.
    const html = await friendBrowser.page(`/works/${workId}/edit`);
    expect(html).toContain(`name="co_creators" type="text" value="${writer.username}"`);
    const friendPseud = await findDefaultPseud(t.db, friend.id);
    const {
      chapter_title: _c,
      body: _b,
      ...form
    } = postForm(friendPseud.id, {
      action: 'save',
      title: 'Two Hands, One Map',
      co_creators: writer.username,
    });
    expect((await friendBrowser.post(`/works/${workId}/edit`, form)).status).toBe(303);
    expect(await acceptedOf(workId, writer.id)).toBe(1);
    expect(await acceptedOf(workId, friend.id)).toBe(1);
  });

  it('removes a declined invitation', async () => {
    const workId = workIdFrom(
      await writerBrowser.post('/works/new', postForm(pseudId, { co_creators: friend.username })),
    );
    const response = await friendBrowser.post(`/works/${workId}/creatorship`, { action: 'decline' });
    expect(response.status).toBe(303);
    expect(await acceptedOf(workId, friend.id)).toBeUndefined();
    expect((await friendBrowser.get(`/works/${workId}/creatorship`)).status).toBe(404);
  });

  it('shows nobody else’s invitations, and refuses answers with no invitation', async () => {
    expect((await writerBrowser.get(`/users/${friend.username}/invitations`)).status).toBe(403);
    const workId = workIdFrom(await writerBrowser.post('/works/new', postForm(pseudId)));
    expect((await friendBrowser.post(`/works/${workId}/creatorship`, { action: 'accept' })).status).toBe(404);
    expect(await acceptedOf(workId, friend.id)).toBeUndefined();
  });

  it('asks for "Pseud (username)" when several people share a pen name', async () => {
    const now = new Date().toISOString();
    const shared = `Tidewriter${Date.now()}`;
    const one = await createUser(t.db, {
      username: `one${Date.now()}`,
      email: `one${Date.now()}@example.test`,
      passwordHash: 'x',
    });
    const two = await createUser(t.db, {
      username: `two${Date.now()}`,
      email: `two${Date.now()}@example.test`,
      passwordHash: 'x',
    });
    await t.db
      .insertInto('pseuds')
      .values([
        { user_id: one.id, name: shared, created_at: now },
        { user_id: two.id, name: shared, created_at: now },
      ])
      .execute();
    const ambiguous = await writerBrowser.post('/works/new', postForm(pseudId, { co_creators: shared }));
    expect(ambiguous.status).toBe(422);
    expect(fieldError(await ambiguous.text(), 'co_creators')).toBe(
      `Several people use the pseud "${shared}": write it as "Pseud (username)".`,
    );
    const workId = workIdFrom(
      await writerBrowser.post('/works/new', postForm(pseudId, { co_creators: `${shared} (${two.username})` })),
    );
    expect(await acceptedOf(workId, two.id)).toBe(0);
    expect(await acceptedOf(workId, one.id)).toBeUndefined();
  });
});
