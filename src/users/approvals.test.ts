import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeMailingApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../test/support/post-form.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import type { App } from '../server.ts';

const INSPIRED = '<h2>Works inspired by this one</h2>';

/** The edit form's fields for a saved work, as its creator would resubmit them. */
function editForm(pseudId: number, overrides: Record<string, string>) {
  const { chapter_title: _t, body: _b, ...form } = postForm(pseudId, { action: 'save', ...overrides });
  return form;
}

forEachDatabase('related work approval and gift refusal', (t) => {
  let smtp: TestSmtpServer;
  let app: App;
  let parentWriter: User;
  let childWriter: User;
  let bystander: User;
  let parentBrowser: Browser;
  let childBrowser: Browser;
  let bystanderBrowser: Browser;
  let childPseudId: number;

  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db));
    parentWriter = await makeUser(t.db, { username: 'Marram' });
    childWriter = await makeUser(t.db, { username: 'Samphire' });
    bystander = await makeUser(t.db, { username: 'Thrift' });
    parentBrowser = new Browser(app);
    childBrowser = new Browser(app);
    bystanderBrowser = new Browser(app);
    await signIn(parentBrowser, t.db, parentWriter);
    await signIn(childBrowser, t.db, childWriter);
    await signIn(bystanderBrowser, t.db, bystander);
    childPseudId = (await findDefaultPseud(t.db, childWriter.id)).id;
  });
  afterAll(async () => {
    await smtp.close();
  });

  const linkOf = (childId: number) =>
    t.db.selectFrom('related_works').selectAll().where('work_id', '=', childId).executeTakeFirstOrThrow();
  const nextMailTo = (user: User, after: number) => smtp.nextTo(user.email, after);

  it('asks the parent’s creator, who alone can approve or remove the link', async () => {
    const parentId = await makeWork(t.db, parentWriter, { title: 'Dune Grass' });
    let mark = smtp.messages.length;
    const childId = workIdFrom(
      await childBrowser.post(
        '/works/new',
        postForm(childPseudId, {
          title: 'Salt Marsh Variations',
          related_url: `${TEST_ORIGIN}/works/${parentId}`,
          related_relation: 'remix',
        }),
      ),
    );
    const link = await linkOf(childId);
    expect(link).toMatchObject({ parent_work_id: parentId, is_approved: 0, is_declined: 0, relation: 'remix' });

    const mail = await nextMailTo(parentWriter, mark);
    expect(mail.subject).toBe('A work on Quire links to “Dune Grass”');
    expect(mail.text).toContain(`“Salt Marsh Variations” by Samphire (${TEST_ORIGIN}/works/${childId})`);
    expect(mail.text).toContain('a remix of your work “Dune Grass”');
    expect(mail.text).toContain(`${TEST_ORIGIN}/users/Marram/related-works`);

    // Not on the parent until approved.
    expect(await new Browser(app).page(`/works/${parentId}`)).not.toContain(INSPIRED);
    const pending = await parentBrowser.page('/users/Marram/related-works');
    const waiting = pending.slice(pending.indexOf('Waiting for your answer'), pending.indexOf('Shown on your works'));
    expect(waiting).toContain(`<a href="/works/${childId}">Salt Marsh Variations</a>`);
    expect(waiting).toContain(`<a href="/works/${parentId}">Dune Grass</a>`);
    expect(waiting).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/);

    // Only the parent's creators may answer; only the user sees their own requests.
    expect((await childBrowser.get('/users/Marram/related-works')).status).toBe(403);
    expect((await new Browser(app).get('/users/Marram/related-works')).headers.get('location')).toBe(
      '/login?return_to=%2Fusers%2FMarram%2Frelated-works',
    );
    const own = await childBrowser.page('/users/Samphire/related-works');
    expect(own).toContain('No related works are waiting for your answer.');
    for (const [browser, name] of [
      [childBrowser, 'Samphire'],
      [bystanderBrowser, 'Thrift'],
      [childBrowser, 'Marram'],
    ] as const) {
      const refused = await browser.post(`/users/${name}/related-works/${childId}`, {
        action: 'approve',
        parent_id: String(parentId),
      });
      expect(refused.status).toBe(403);
    }
    expect(
      (
        await parentBrowser.post(`/users/Marram/related-works/${parentId}`, {
          action: 'approve',
          parent_id: String(childId),
        })
      ).status,
    ).toBe(404);
    expect((await parentBrowser.post(`/users/Marram/related-works/${childId}`, { action: 'approve' })).status).toBe(
      404,
    );
    expect((await linkOf(childId)).is_approved).toBe(0);

    const approved = await parentBrowser.post(`/users/Marram/related-works/${childId}`, {
      action: 'approve',
      parent_id: String(parentId),
    });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('/users/Marram/related-works');
    expect(await parentBrowser.page('/users/Marram/related-works')).toContain(
      '“Salt Marsh Variations” now shows on “Dune Grass”.',
    );
    expect(await linkOf(childId)).toMatchObject({ is_approved: 1, is_declined: 0 });
    const parentPage = await new Browser(app).page(`/works/${parentId}`);
    expect(parentPage).toContain(INSPIRED);
    expect(parentPage).toContain(`<a href="/works/${childId}">Salt Marsh Variations</a>`);

    // Editing the child keeps the answer and does not ask again.
    mark = smtp.messages.length;
    const edit = editForm(childPseudId, {
      title: 'Salt Marsh Variations (revised)',
      related_url: `${TEST_ORIGIN}/works/${parentId}`,
      related_relation: 'remix',
    });
    expect((await childBrowser.post(`/works/${childId}/edit`, edit)).status).toBe(303);
    expect(await linkOf(childId)).toMatchObject({ is_approved: 1, is_declined: 0 });

    // Removing takes it off the parent; it stays removed through the child's edits.
    const removed = await parentBrowser.post(`/users/Marram/related-works/${childId}`, {
      action: 'remove',
      parent_id: String(parentId),
    });
    expect(removed.status).toBe(303);
    expect(await new Browser(app).page(`/works/${parentId}`)).not.toContain(INSPIRED);
    expect((await childBrowser.post(`/works/${childId}/edit`, edit)).status).toBe(303);
    expect(await linkOf(childId)).toMatchObject({ is_approved: 0, is_declined: 1 });
    const list = await parentBrowser.page('/users/Marram/related-works');
    expect(list).toContain('No related works are waiting for your answer.');
    const removedSection = list.slice(list.indexOf('Removed from your works'));
    expect(removedSection).toContain('Salt Marsh Variations (revised)');
    // The child still credits its parent on its own page.
    expect(await new Browser(app).page(`/works/${childId}`)).toContain(`<a href="/works/${parentId}">Dune Grass</a>`);

    // None of those edits mailed the parent's creator again: the next mail is about the next request.
    const secondParent = await makeWork(t.db, parentWriter, { title: 'Sea Holly' });
    await childBrowser.post(
      '/works/new',
      postForm(childPseudId, { title: 'Holly Tide', related_url: `${TEST_ORIGIN}/works/${secondParent}` }),
    );
    await nextMailTo(parentWriter, mark);
    expect(smtp.messages.slice(mark).map((m) => m.subject)).toEqual(['A work on Quire links to “Sea Holly”']);
  });

  it('waits for a draft to be posted before showing or mailing its request', async () => {
    const parentId = await makeWork(t.db, parentWriter, { title: 'Shingle' });
    const mark = smtp.messages.length;
    const draftId = workIdFrom(
      await childBrowser.post(
        '/works/new',
        postForm(childPseudId, {
          action: 'draft',
          title: 'Pebble Count',
          related_url: `${TEST_ORIGIN}/works/${parentId}`,
        }),
      ),
    );
    expect(await parentBrowser.page('/users/Marram/related-works')).not.toContain('Pebble Count');
    expect((await childBrowser.post(`/works/${draftId}/post`)).status).toBe(303);
    const mail = await nextMailTo(parentWriter, mark);
    expect(mail.subject).toBe('A work on Quire links to “Shingle”');
    expect(smtp.messages.slice(mark)).toHaveLength(1);
    expect(await parentBrowser.page('/users/Marram/related-works')).toContain(
      `<a href="/works/${draftId}">Pebble Count</a>`,
    );
  });

  it('lists gifts on the recipient’s page and lets only the recipient refuse them', async () => {
    const mark = smtp.messages.length;
    const giftId = workIdFrom(
      await childBrowser.post('/works/new', postForm(childPseudId, { title: 'A Jar of Sea Glass', gift_to: 'Marram' })),
    );
    const mail = await nextMailTo(parentWriter, mark);
    expect(mail.subject).toBe('A gift for you on Quire: “A Jar of Sea Glass”');
    expect(mail.text).toContain(`${TEST_ORIGIN}/users/Marram/gifts`);
    const restrictedId = await makeWork(t.db, childWriter, {
      title: 'Members Only Driftwood',
      isRestricted: true,
      gifts: [{ recipientPseudId: (await findDefaultPseud(t.db, parentWriter.id)).id, recipientName: 'Marram' }],
    });
    await makeWork(t.db, childWriter, {
      title: 'Unfinished Draft Gift',
      post: false,
      gifts: [{ recipientPseudId: (await findDefaultPseud(t.db, parentWriter.id)).id, recipientName: 'Marram' }],
    });

    const guestView = await new Browser(app).page('/users/Marram/gifts');
    expect(guestView).toContain('Gifts for <a href="/users/Marram">Marram</a>');
    expect(guestView).toContain(`<a href="/works/${giftId}">A Jar of Sea Glass</a>`);
    expect(guestView).not.toContain('Members Only Driftwood');
    expect(guestView).not.toContain('Unfinished Draft Gift');
    expect(guestView).not.toContain('Refuse this gift');
    const memberView = await bystanderBrowser.page('/users/Marram/gifts');
    expect(memberView).toContain(`<a href="/works/${restrictedId}">Members Only Driftwood</a>`);
    expect(memberView).not.toContain('Refuse this gift');
    const ownView = await parentBrowser.page('/users/Marram/gifts');
    expect(ownView).toContain(`action="/users/Marram/gifts/${giftId}"`);
    expect(ownView).not.toContain('Unfinished Draft Gift');
    expect(await new Browser(app).page(`/works/${giftId}`)).toContain('for <a href="/users/Marram">Marram</a>');

    expect((await bystanderBrowser.post(`/users/Marram/gifts/${giftId}`, { action: 'refuse' })).status).toBe(403);
    expect((await bystanderBrowser.post(`/users/Thrift/gifts/${giftId}`, { action: 'refuse' })).status).toBe(404);
    expect((await new Browser(app).post(`/users/Marram/gifts/${giftId}`, { action: 'refuse' })).status).toBe(303);
    const giftRow = () =>
      t.db.selectFrom('gifts').select('is_refused').where('work_id', '=', giftId).executeTakeFirstOrThrow();
    expect((await giftRow()).is_refused).toBe(0);

    const refused = await parentBrowser.post(`/users/Marram/gifts/${giftId}`, { action: 'refuse' });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/users/Marram/gifts');
    expect((await giftRow()).is_refused).toBe(1);
    const afterRefusal = await parentBrowser.page('/users/Marram/gifts');
    expect(afterRefusal).toContain('Gift refused.');
    const refusedSection = afterRefusal.slice(afterRefusal.indexOf('Gifts you refused'));
    expect(refusedSection).toContain(`<a href="/works/${giftId}">A Jar of Sea Glass</a>`);
    expect(await new Browser(app).page('/users/Marram/gifts')).not.toContain('A Jar of Sea Glass');
    expect(await new Browser(app).page(`/works/${giftId}`)).not.toContain('for <a href="/users/Marram">Marram</a>');

    // The giver saving the work again does not give it back.
    const edit = editForm(childPseudId, { title: 'A Jar of Sea Glass', gift_to: 'Marram' });
    expect((await childBrowser.post(`/works/${giftId}/edit`, edit)).status).toBe(303);
    expect((await giftRow()).is_refused).toBe(1);

    expect((await parentBrowser.post(`/users/Marram/gifts/${giftId}`, { action: 'accept' })).status).toBe(303);
    expect((await giftRow()).is_refused).toBe(0);
    expect(await new Browser(app).page(`/works/${giftId}`)).toContain('for <a href="/users/Marram">Marram</a>');
  });

  it('links the profile to the pages where people answer', async () => {
    const own = await parentBrowser.page('/users/Marram');
    expect(own).toContain('<a href="/users/Marram/invitations">Co-creator invitations</a>');
    expect(own).toContain('<a href="/users/Marram/related-works">Related works requests</a>');
    expect(own).toContain('<a href="/users/Marram/gifts">Gifts for Marram</a>');
    const others = await bystanderBrowser.page('/users/Marram');
    expect(others).toContain('<a href="/users/Marram/gifts">Gifts for Marram</a>');
    expect(others).not.toContain('/users/Marram/related-works');
    expect(others).not.toContain('/users/Marram/invitations');
  });
});
