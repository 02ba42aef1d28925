/**
 * The comment forms, as a person uses them: posting on a work and a chapter
 * as a member and as a guest, replying, the permalink, editing, deleting,
 * approving, freezing and hiding — each checked by status, the HTML shown and
 * the rows changed, with works.comments_count and the outbox events.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, signIn } from '../../test/support/factories.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';
import {
  commentEvents,
  commentRows,
  commentsCount,
  makeCommentableWork,
  makeMember,
  makeModerator,
} from './comments.test-helper.ts';

const guest = { guest_name: 'Wren', guest_email: 'wren@example.test' };

forEachDatabase('comment forms', (t) => {
  const app = () => makeTestApp(t.db);

  it('posts a member’s comment on a work: 303 back, shown on the work page, counted, one event', async () => {
    const writer = await makeMember(t.db);
    const reader = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, reader);
    const response = await browser.post(`/works/${workId}/comments`, {
      body: 'The harbour scene stayed with me.',
      return_to: `/works/${workId}`,
    });
    expect(response.status).toBe(303);
    const [row] = await commentRows(t.db, workId);
    expect(response.headers.get('location')).toBe(`/works/${workId}#comment-${row!.id}`);
    expect(row).toMatchObject({ user_id: reader.id, state: 'published', depth: 0, thread_id: row!.id });
    expect(row!.body).toBe('<p>The harbour scene stayed with me.</p>');
    expect(await commentsCount(t.db, workId)).toBe(1);
    expect(await commentEvents(t.db)).toContainEqual({ kind: 'event:comment.posted', commentId: row!.id });
    const page = await browser.page(`/works/${workId}`);
    expect(page).toContain('Your comment was posted.');
    expect(page).toContain('The harbour scene stayed with me.');
    expect(page).toContain('Comments (1)');
    expect(await browser.page(`/works/${workId}/comments`)).toContain('The harbour scene stayed with me.');
  });

  it('posts a guest’s comment on a chapter; the email shows to moderators only', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const chapter = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    const browser = new Browser(app());
    const response = await browser.post(
      `/works/${workId}/comments`,
      { body: 'Lovely lantern.', chapter_id: String(chapter.id), ...guest },
      { 'x-forwarded-for': '203.0.113.40' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(new RegExp(`^/works/${workId}/chapters/${chapter.id}#comments$`));
    const [row] = await commentRows(t.db, workId);
    expect(row).toMatchObject({
      chapter_id: chapter.id,
      guest_name: 'Wren',
      guest_email: 'wren@example.test',
      user_id: null,
    });
    expect(row!.guest_key).toBeTruthy();
    expect(row!.guest_key).not.toContain('203.0.113.40');
    const chapterPage = await browser.page(`/works/${workId}/chapters/${chapter.id}`);
    expect(chapterPage).toContain('Lovely lantern.');
    expect(chapterPage).toContain('Wren');
    expect(chapterPage).not.toContain('wren@example.test');
    const moderator = new Browser(app());
    await signIn(moderator, t.db, await makeModerator(t.db));
    expect(await moderator.page(`/works/${workId}/chapters/${chapter.id}`)).toContain('wren@example.test');
  });

  it('keeps the typed text and says what is wrong, with 422, for an empty or too long comment', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    const empty = await browser.post(`/works/${workId}/comments`, { body: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Write something before posting.');
    const long = 'word '.repeat(2001);
    const tooLong = await browser.post(`/works/${workId}/comments`, { body: long });
    expect(tooLong.status).toBe(422);
    const html = await tooLong.text();
    expect(html).toContain('at most 10,000 characters');
    expect(html).toContain('word word word');
    const noName = await new Browser(app()).post(`/works/${workId}/comments`, { body: 'Hello there.' });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('Give a name to sign your comment with.');
    expect(await commentRows(t.db, workId)).toHaveLength(0);
  });

  it('replies to a comment, nests the reply and shows the whole thread on the permalink', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, { body: 'First thought.' });
    const [top] = await commentRows(t.db, workId);
    const author = new Browser(app());
    await signIn(author, t.db, writer);
    const reply = await author.post(`/comments/${top!.id}/reply`, { body: 'Thank you!' });
    expect(reply.status).toBe(303);
    const rows = await commentRows(t.db, workId);
    expect(rows[1]).toMatchObject({ parent_id: top!.id, thread_id: top!.id, depth: 1 });
    const permalink = await browser.page(`/comments/${rows[1]!.id}`);
    expect(permalink).toContain('First thought.');
    expect(permalink).toContain('Thank you!');
    expect(permalink).toContain(`href="/works/${workId}"`);
    expect(permalink).toMatch(/class="replies"[\s\S]*Thank you!/);
    expect(await commentsCount(t.db, workId)).toBe(2);
  });

  it('edits one’s own comment and shows "Last edited"', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, { body: 'Tpyo here.' });
    const [row] = await commentRows(t.db, workId);
    expect(await browser.page(`/comments/${row!.id}/edit`)).toContain('Tpyo here.');
    const bad = await browser.post(`/comments/${row!.id}/edit`, { body: '' });
    expect(bad.status).toBe(422);
    const saved = await browser.post(`/comments/${row!.id}/edit`, {
      body: 'Typo fixed.',
      return_to: `/works/${workId}`,
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/works/${workId}`);
    const [after] = await commentRows(t.db, workId);
    expect(after!.body).toBe('<p>Typo fixed.</p>');
    expect(after!.edited_at).toBeTruthy();
    const page = await browser.page(`/comments/${row!.id}`);
    expect(page).toContain('Typo fixed.');
    expect(page).toContain('Last edited');
    // Someone else may not edit it.
    const other = new Browser(app());
    await signIn(other, t.db, await makeMember(t.db));
    expect((await other.post(`/comments/${row!.id}/edit`, { body: 'Mine now.' })).status).toBe(403);
  });

  it('deletes: a comment with replies stays as "(Previous comment deleted.)", one without is removed', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const reader = new Browser(app());
    await signIn(reader, t.db, await makeMember(t.db));
    await reader.post(`/works/${workId}/comments`, { body: 'Parent words.' });
    const [top] = await commentRows(t.db, workId);
    const other = new Browser(app());
    await signIn(other, t.db, await makeMember(t.db));
    await other.post(`/comments/${top!.id}/reply`, { body: 'Child words.' });
    expect((await reader.post(`/comments/${top!.id}/delete`, { return_to: `/works/${workId}` })).status).toBe(303);
    let rows = await commentRows(t.db, workId);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.deleted_at).toBeTruthy();
    expect(await commentsCount(t.db, workId)).toBe(1);
    const page = await other.page(`/works/${workId}`);
    expect(page).toContain('(Previous comment deleted.)');
    expect(page).not.toContain('Parent words.');
    expect(page).toContain('Child words.');
    // The reply goes, and the deleted comment above it, now with nothing below, goes with it.
    const creator = new Browser(app());
    await signIn(creator, t.db, writer);
    expect((await creator.post(`/comments/${rows[1]!.id}/delete`)).status).toBe(303);
    rows = await commentRows(t.db, workId);
    expect(rows).toHaveLength(0);
    expect(await commentsCount(t.db, workId)).toBe(0);
    const audit = await listAuditEntriesFor(t.db, 'comment', top!.id + 1);
    expect(audit.map((e) => e.action)).toEqual(['comment.delete']);
  });

  it('holds comments on a moderated work until a creator approves; the commenter is told', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer, { moderatedComments: true });
    const reader = new Browser(app());
    await signIn(reader, t.db, await makeMember(t.db));
    const posted = await reader.post(`/works/${workId}/comments`, { body: 'Waiting words.' });
    expect(posted.status).toBe(303);
    const [row] = await commentRows(t.db, workId);
    expect(row).toMatchObject({ state: 'held', hold_reason: 'moderated' });
    expect(await commentsCount(t.db, workId)).toBe(0);
    const readerPage = await reader.page(`/works/${workId}`);
    expect(readerPage).toContain('awaits approval');
    expect(readerPage).toContain('Waiting words.');
    expect(await new Browser(app()).page(`/works/${workId}`)).not.toContain('Waiting words.');
    const creator = new Browser(app());
    await signIn(creator, t.db, writer);
    expect(await creator.page(`/works/${workId}`)).toContain(`action="/comments/${row!.id}/approve"`);
    // The creator's own comment is never held.
    await creator.post(`/works/${workId}/comments`, { body: 'Creator words.' });
    expect((await commentRows(t.db, workId))[1]).toMatchObject({ state: 'published' });
    const approved = await creator.post(`/comments/${row!.id}/approve`, { return_to: `/works/${workId}` });
    expect(approved.status).toBe(303);
    expect((await commentRows(t.db, workId))[0]).toMatchObject({ state: 'published', hold_reason: null });
    expect(await commentsCount(t.db, workId)).toBe(2);
    expect(await new Browser(app()).page(`/works/${workId}`)).toContain('Waiting words.');
    const events = (await commentEvents(t.db)).filter((e) => e.commentId === row!.id);
    expect(events).toEqual([
      { kind: 'event:comment.posted', commentId: row!.id },
      { kind: 'event:comment.approved', commentId: row!.id },
    ]);
    // Approving twice records nothing more.
    await creator.post(`/comments/${row!.id}/approve`);
    expect((await commentEvents(t.db)).filter((e) => e.commentId === row!.id)).toHaveLength(2);
  });

  it('freezes a thread (no replies below) and hides a comment (kept, seen by its author and creators)', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const readerUser = await makeMember(t.db);
    const reader = new Browser(app());
    await signIn(reader, t.db, readerUser);
    await reader.post(`/works/${workId}/comments`, { body: 'Open thread.' });
    const [top] = await commentRows(t.db, workId);
    const creator = new Browser(app());
    await signIn(creator, t.db, writer);
    expect((await creator.post(`/comments/${top!.id}/freeze`)).status).toBe(303);
    expect((await commentRows(t.db, workId))[0]!.is_frozen).toBe(1);
    expect(await reader.page(`/comments/${top!.id}`)).toContain('This thread is frozen');
    expect((await reader.post(`/comments/${top!.id}/reply`, { body: 'Too late.' })).status).toBe(403);
    await creator.post(`/comments/${top!.id}/unfreeze`);
    expect((await reader.post(`/comments/${top!.id}/reply`, { body: 'Now it works.' })).status).toBe(303);

    expect(await commentsCount(t.db, workId)).toBe(2);
    expect((await creator.post(`/comments/${top!.id}/hide`)).status).toBe(303);
    expect(await commentsCount(t.db, workId)).toBe(1);
    const stranger = await new Browser(app()).page(`/works/${workId}`);
    expect(stranger).not.toContain('Open thread.');
    expect(stranger).toContain('(This comment has been hidden.)');
    expect(await reader.page(`/works/${workId}`)).toContain('Open thread.');
    expect(await creator.page(`/works/${workId}`)).toContain('Open thread.');
    await creator.post(`/comments/${top!.id}/unhide`);
    expect(await commentsCount(t.db, workId)).toBe(2);
    expect(await new Browser(app()).page(`/works/${workId}`)).toContain('Open thread.');
    const audit = await listAuditEntriesFor(t.db, 'comment', top!.id);
    expect(audit.map((e) => e.action).sort()).toEqual([
      'comment.freeze',
      'comment.hide',
      'comment.unfreeze',
      'comment.unhide',
    ]);
  });

  it('shows each chapter’s comments on its page, all of them on the work’s, and keeps them when comments are turned off', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer, {
      expectedChapters: 2,
      chapters: [chapter('<p>One.</p>'), chapter('<p>Two.</p>')],
    });
    const [first, second] = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, { body: 'About the first.', chapter_id: String(first!.id) });
    await browser.post(`/works/${workId}/comments`, { body: 'About the second.', chapter_id: String(second!.id) });
    const firstPage = await browser.page(`/works/${workId}/chapters/${first!.id}`);
    expect(firstPage).toContain('About the first.');
    expect(firstPage).not.toContain('About the second.');
    expect(firstPage).toContain(`name="chapter_id" value="${first!.id}"`);
    const all = await browser.page(`/works/${workId}/comments`);
    expect(all).toContain('About the first.');
    expect(all).toContain('on Chapter 2');
    await t.db.updateTable('works').set({ comment_permission: 'none' }).where('id', '=', workId).execute();
    const closed = await browser.page(`/works/${workId}/comments`);
    expect(closed).toContain('About the second.');
    expect(closed).toContain('Comments on this work are turned off.');
    expect(closed).not.toContain(`action="/works/${workId}/comments"`);
    expect((await browser.post(`/works/${workId}/comments`, { body: 'Sneaking in.' })).status).toBe(403);
  });

  it('keeps a reply’s text with the message when it is too long', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, { body: 'Start.' });
    const [top] = await commentRows(t.db, workId);
    const response = await browser.post(`/comments/${top!.id}/reply`, { body: 'echo '.repeat(2100) });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('at most 10,000 characters');
    expect(html).toContain('echo echo');
    expect(html).toContain(`action="/comments/${top!.id}/reply"`);
    expect(await commentRows(t.db, workId)).toHaveLength(1);
  });

  it('sends people back only to paths on this site', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    const response = await browser.post(`/works/${workId}/comments`, {
      body: 'Safe return.',
      return_to: '//evil.example/phish',
    });
    expect(response.headers.get('location')).toMatch(new RegExp(`^/works/${workId}/comments#comment-`));
  });
});
