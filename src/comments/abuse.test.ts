/**
 * What keeps comments from being abused: rate limits counted in the
 * database (new accounts 3, others 30, guests 3 per address per 15
 * minutes) that say when to try again; guest comments with many links or
 * repeated text held for approval; the honeypot refusing quietly; blocks
 * and "no guest replies" honoured.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import {
  commentEvents,
  commentRows,
  insertCommentRow,
  makeCommentableWork,
  makeMember,
} from './comments.test-helper.ts';
import { RATE_LIMITS } from './post-comment.ts';

const guest = { guest_name: 'Wren', guest_email: 'wren@example.test' };

forEachDatabase('comment abuse guards', (t) => {
  const app = () => makeTestApp(t.db);

  it('lets an account younger than a day post 3 comments in 15 minutes, then answers 429 saying when', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeUser(t.db));
    for (let i = 0; i < RATE_LIMITS.newAccount; i++) {
      expect((await browser.post(`/works/${workId}/comments`, { body: `Note number ${i}.` })).status).toBe(303);
    }
    const refused = await browser.post(`/works/${workId}/comments`, { body: 'One too many.' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Try again in 1[45] minutes/);
    expect(await commentRows(t.db, workId)).toHaveLength(RATE_LIMITS.newAccount);
  });

  it('counts in the database, so a second app (another process) sees the same limit', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const member = await makeMember(t.db);
    const old = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < RATE_LIMITS.account; i++) {
      await insertCommentRow(t.db, { workId, user: member, body: `<p>Earlier ${i}.</p>`, createdAt: old });
    }
    const browser = new Browser(app());
    await signIn(browser, t.db, member);
    expect((await browser.post(`/works/${workId}/comments`, { body: 'Past the limit.' })).status).toBe(429);
    // Comments older than the window no longer count.
    const stale = new Date(Date.now() - 16 * 60_000).toISOString();
    await t.db.updateTable('comments').set({ created_at: stale }).where('user_id', '=', member.id).execute();
    expect((await browser.post(`/works/${workId}/comments`, { body: 'Allowed again.' })).status).toBe(303);
  });

  it('limits guests to 3 comments in 15 minutes per address', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const browser = new Browser(app());
    for (let i = 0; i < RATE_LIMITS.guest; i++) {
      const response = await browser.post(
        `/works/${workId}/comments`,
        { body: `Guest ${i}.`, ...guest },
        from('192.0.2.7'),
      );
      expect(response.status).toBe(303);
    }
    expect(
      (await browser.post(`/works/${workId}/comments`, { body: 'More.', ...guest }, from('192.0.2.7'))).status,
    ).toBe(429);
    expect(
      (await browser.post(`/works/${workId}/comments`, { body: 'Other.', ...guest }, from('192.0.2.8'))).status,
    ).toBe(303);
  });

  it('holds a guest comment with more than 2 links, and the same text posted again', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    const links = 'See https://a.example and https://b.example and https://c.example';
    await browser.post(`/works/${workId}/comments`, { body: links, ...guest }, { 'x-forwarded-for': '192.0.2.20' });
    await browser.post(
      `/works/${workId}/comments`,
      { body: 'Same words.', ...guest },
      { 'x-forwarded-for': '192.0.2.21' },
    );
    const again = await browser.post(
      `/works/${workId}/comments`,
      { body: 'Same words.', ...guest },
      { 'x-forwarded-for': '192.0.2.21' },
    );
    expect(again.status).toBe(303);
    const rows = await commentRows(t.db, workId);
    expect(rows.map((r) => [r.state, r.hold_reason])).toEqual([
      ['held', 'links'],
      ['published', null],
      ['held', 'repeated'],
    ]);
    expect(await new Browser(app()).page(`/works/${workId}`)).not.toContain('https://a.example');
    // A member's links are theirs to post.
    const member = new Browser(app());
    await signIn(member, t.db, await makeMember(t.db));
    await member.post(`/works/${workId}/comments`, { body: links });
    expect((await commentRows(t.db, workId)).at(-1)).toMatchObject({ state: 'published' });
  });

  it('refuses quietly when the honeypot is filled: a normal redirect, nothing stored, no event', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const events = (await commentEvents(t.db)).length;
    const response = await new Browser(app()).post(`/works/${workId}/comments`, {
      body: 'Buy things.',
      website: 'https://spam.example',
      ...guest,
    });
    expect(response.status).toBe(303);
    expect(await commentRows(t.db, workId)).toHaveLength(0);
    expect(await commentEvents(t.db)).toHaveLength(events);
  });

  it('refuses a reply to someone who blocked you, and guest replies to someone who turned them off', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const author = await makeMember(t.db);
    const pest = await makeMember(t.db);
    const top = await insertCommentRow(t.db, { workId, user: author });
    await t.db
      .insertInto('user_blocks')
      .values({ blocker_id: author.id, blocked_id: pest.id, created_at: new Date().toISOString() })
      .execute();
    const pestBrowser = new Browser(app());
    await signIn(pestBrowser, t.db, pest);
    expect((await pestBrowser.post(`/comments/${top}/reply`, { body: 'Hey.' })).status).toBe(403);
    expect(await pestBrowser.page(`/comments/${top}`)).not.toContain(`/comments/${top}/reply`);
    // They may still comment on the work: the work's creator did not block them.
    expect((await pestBrowser.post(`/works/${workId}/comments`, { body: 'On the work.' })).status).toBe(303);

    const guestBrowser = new Browser(app());
    expect((await guestBrowser.post(`/comments/${top}/reply`, { body: 'Guest reply.', ...guest })).status).toBe(303);
    await t.db.updateTable('users').set({ guest_replies_off: 1 }).where('id', '=', author.id).execute();
    expect(await guestBrowser.page(`/comments/${top}`)).not.toContain(`action="/comments/${top}/reply"`);
    const refused = await guestBrowser.post(
      `/comments/${top}/reply`,
      { body: 'Another guest reply.', ...guest },
      { 'x-forwarded-for': '192.0.2.99' },
    );
    expect(refused.status).toBe(403);
    expect((await commentRows(t.db, workId)).filter((r) => r.parent_id === top)).toHaveLength(1);
  });

  it('records comment.posted once per comment, held or published', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, { body: 'First.' });
    await browser.post(`/works/${workId}/comments`, { body: '' });
    await browser.post(`/works/${workId}/comments`, { body: 'Second.' });
    const ids = (await commentRows(t.db, workId)).map((r) => r.id);
    const posted = (await commentEvents(t.db)).filter((e) => ids.includes(e.commentId));
    expect(posted).toEqual(ids.map((commentId) => ({ kind: 'event:comment.posted', commentId })));
  });
});
