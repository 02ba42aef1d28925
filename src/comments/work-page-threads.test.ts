/**
 * Under a work's text a long thread shows its first WORK_PAGE_THREAD
 * comments and links to the rest, and every Reply links to the comment's own
 * page, where its form is: the work page stays light however busy its
 * comments are (bench/feedback).
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeCommentableWork, makeMember } from './comments.test-helper.ts';
import { postTestComment } from './inbox.test-helper.ts';
import { WORK_PAGE_THREAD } from './threads.ts';

forEachDatabase('threads under a work’s text', (t) => {
  it('shows the first comments of a long thread with a link to it, and links Reply to the comment’s page', async () => {
    const writer = await makeMember(t.db);
    const reader = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const root = await postTestComment(t.db, { workId, by: reader, body: '<p>Reply number 0.</p>' });
    let parent = root;
    for (let n = 1; n <= WORK_PAGE_THREAD + 2; n++)
      parent = await postTestComment(t.db, {
        workId,
        by: n % 2 ? writer : reader,
        parentId: parent,
        body: `<p>Reply number ${n}.</p>`,
      });
    const guest = new Browser(makeTestApp(t.db));

    const work = await guest.page(`/works/${workId}`);
    for (let n = 0; n < WORK_PAGE_THREAD; n++) expect(work).toContain(`Reply number ${n}.`);
    expect(work).not.toContain(`Reply number ${WORK_PAGE_THREAD}.`);
    expect(work).toContain(`<a href="/comments/${root}">Read the whole thread (${WORK_PAGE_THREAD + 3} comments)</a>`);
    expect(work).toContain(`<a href="/comments/${root}#reply-${root}">Reply</a>`);
    expect(work).not.toContain(`action="/comments/${root}/reply"`);

    // The comment's page has the whole thread and the forms; the one linked to is open.
    const permalink = await guest.page(`/comments/${root}`);
    expect(permalink).toContain(`Reply number ${WORK_PAGE_THREAD + 2}.`);
    expect(permalink).toContain(`action="/comments/${root}/reply"`);
    expect(permalink).toMatch(new RegExp(`<details class="reply" id="reply-${root}" open`));
  });

  it('reads past held replies it may not show, so a thread’s first visible comments still show', async () => {
    const writer = await makeMember(t.db);
    const reader = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const root = await postTestComment(t.db, { workId, by: reader, body: '<p>The opening comment.</p>' });
    // More held replies than the page reads of a thread at first (twice WORK_PAGE_THREAD).
    for (let n = 0; n < WORK_PAGE_THREAD * 3; n++)
      await postTestComment(t.db, { workId, by: reader, parentId: root, state: 'held', body: `<p>Held ${n}.</p>` });
    for (let n = 0; n < WORK_PAGE_THREAD + 1; n++)
      await postTestComment(t.db, { workId, by: writer, parentId: root, body: `<p>Answer ${n}.</p>` });
    const guest = new Browser(makeTestApp(t.db));

    const work = await guest.page(`/works/${workId}`);
    expect(work).not.toContain('Held 0.');
    for (let n = 0; n < WORK_PAGE_THREAD - 1; n++) expect(work).toContain(`Answer ${n}.`);
    expect(work).not.toContain(`Answer ${WORK_PAGE_THREAD - 1}.`);
    // Counted in SQL: the root and its published answers, never the held replies.
    expect(work).toContain(`Read the whole thread (${WORK_PAGE_THREAD + 2} comments)`);
  });
});
