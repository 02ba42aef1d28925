/**
 * A person who blocked you does not accept your gifts: the post and edit
 * forms and the API refuse them with a message on the gift field, and no
 * gift row is written. Anyone else may still give them gifts, and a gift
 * given before the block stays on its work through later edits.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { fieldError, postForm, workIdFrom } from '../../test/support/post-form.ts';
import type { App } from '../server.ts';

const REFUSED = 'stillwater does not accept gifts from you.';

forEachDatabase('gifts from a blocked person', (t) => {
  let app: App;
  let recipient: User;
  let giver: User;
  let giverBrowser: Browser;
  let giverPseudId: number;
  let friendBrowser: Browser;
  let friendPseudId: number;

  const giftsOf = (workId: number) =>
    t.db.selectFrom('gifts').select('recipient_name').where('work_id', '=', workId).execute();

  beforeAll(async () => {
    app = makeTestApp(t.db);
    recipient = await makeUser(t.db, { username: 'stillwater' });
    giver = await makeUser(t.db, { username: 'pebbleskipper' });
    const friend = await makeUser(t.db, { username: 'reedwarbler' });
    giverBrowser = new Browser(app);
    friendBrowser = new Browser(app);
    await signIn(giverBrowser, t.db, giver);
    await signIn(friendBrowser, t.db, friend);
    giverPseudId = (await findDefaultPseud(t.db, giver.id)).id;
    friendPseudId = (await findDefaultPseud(t.db, friend.id)).id;
  });

  it('keeps a gift given before the block through later edits, and refuses a new one on the form', async () => {
    const earlier = workIdFrom(
      await giverBrowser.post(
        '/works/new',
        postForm(giverPseudId, { title: 'Before the Frost', gift_to: 'stillwater' }),
      ),
    );
    expect(await giftsOf(earlier)).toEqual([{ recipient_name: 'stillwater' }]);

    const blocker = new Browser(app);
    await signIn(blocker, t.db, recipient);
    expect((await blocker.post('/users/pebbleskipper/block')).status).toBe(303);

    const response = await giverBrowser.post(
      '/works/new',
      postForm(giverPseudId, { title: 'Skipping Stones', gift_to: 'Someone Else, stillwater' }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'gift_to')).toBe(REFUSED);
    // What they typed is kept for them to change.
    expect(html).toContain('value="Someone Else, stillwater"');
    expect(await t.db.selectFrom('works').select('id').where('title', '=', 'Skipping Stones').execute()).toEqual([]);

    // Editing the earlier work keeps its gift; adding the blocker to another work's gifts is refused.
    const {
      chapter_title: _t,
      body: _b,
      ...edit
    } = postForm(giverPseudId, {
      action: 'save',
      title: 'Before the Frost',
      gift_to: 'stillwater',
    });
    const kept = await giverBrowser.post(`/works/${earlier}/edit`, edit);
    expect(kept.status).toBe(303);
    expect(await giftsOf(earlier)).toEqual([{ recipient_name: 'stillwater' }]);
    const other = workIdFrom(await giverBrowser.post('/works/new', postForm(giverPseudId, { title: 'Thin Ice' })));
    const added = await giverBrowser.post(`/works/${other}/edit`, { ...edit, title: 'Thin Ice' });
    expect(added.status).toBe(422);
    expect(fieldError(await added.text(), 'gift_to')).toBe(REFUSED);
    expect(await giftsOf(other)).toEqual([]);
  });

  it('lets anyone the recipient has not blocked give them a gift', async () => {
    const id = workIdFrom(
      await friendBrowser.post('/works/new', postForm(friendPseudId, { title: 'Reed Song', gift_to: 'stillwater' })),
    );
    expect(await giftsOf(id)).toEqual([{ recipient_name: 'stillwater' }]);
  });

  it('refuses the gift through the API too', async () => {
    const token = (await createCredential(t.db, giver.id, 'gifts', 'write')).secret;
    const response = await app.request(`${TEST_ORIGIN}/api/v1/works`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Ripples',
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original Work'],
        gift_to: ['stillwater'],
        chapter: { body: '<p>The stone skipped four times and sank.</p>' },
        post: true,
      }),
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Array<{ field: string; detail: string }> };
    expect(problem.errors).toEqual([{ field: 'gift_to', detail: REFUSED }]);
    expect(await t.db.selectFrom('works').select('id').where('title', '=', 'Ripples').execute()).toEqual([]);
  });
});
