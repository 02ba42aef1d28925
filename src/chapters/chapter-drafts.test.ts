import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { addChapter } from './add-chapter.ts';
import { deleteChapter } from './delete-chapter.ts';

forEachDatabase('draft chapters and draft works', (t) => {
  let writer: User;
  let browser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, writer);
  });

  const chaptersOf = (workId: number) =>
    t.db
      .selectFrom('chapters')
      .select(['id', 'position', 'is_posted', 'published_on'])
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();

  it('keeps a draft work’s new chapters unposted until the work is posted', async () => {
    const workId = await makeWork(t.db, writer, { post: false, expectedChapters: 2 });
    const form = await browser.page(`/works/${workId}/chapters/new`);
    expect(form).toContain('This work is a draft: its chapters are posted together with it.');
    expect(form).toMatch(/<button[^>]*value="draft"[^>]*>Save chapter<\/button>/);
    await addChapter(t.db, workId, chapter('<p>Second draft.</p>'), { post: true });
    expect((await chaptersOf(workId)).map((c) => c.is_posted)).toEqual([0, 0]);
    const work = await t.db
      .selectFrom('works')
      .select(['posted_chapters', 'word_count'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(work).toEqual({ posted_chapters: 0, word_count: 0 });

    await browser.post(`/works/${workId}/post`);
    expect((await chaptersOf(workId)).map((c) => c.is_posted)).toEqual([1, 1]);
    const posted = await t.db
      .selectFrom('works')
      .select(['posted_chapters', 'is_complete'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(posted).toEqual({ posted_chapters: 2, is_complete: 1 });
  });

  it('will not delete a posted work’s last posted chapter, explaining why', async () => {
    const workId = await makeWork(t.db, writer);
    await addChapter(t.db, workId, chapter('<p>Not yet.</p>'), { post: false });
    const [posted, draft] = await chaptersOf(workId);
    expect(draft.is_posted).toBe(0);
    const page = await browser.page(`/works/${workId}/chapters/${posted.id}/delete`);
    expect(page).toContain('This is the only posted chapter; readers would find the work empty.');
    expect(page).not.toContain('Yes, delete this chapter');
    expect(await deleteChapter(t.db, workId, posted.id)).toBe('last_posted_chapter');
    expect(await chaptersOf(workId)).toHaveLength(2);
    // The draft one may go.
    expect(await deleteChapter(t.db, workId, draft.id)).toBe('deleted');
    expect((await chaptersOf(workId)).map((c) => c.position)).toEqual([1]);
  });

  it('refuses a chapter id that belongs to another work', async () => {
    const mine = await makeWork(t.db, writer);
    const other = await makeWork(t.db, writer);
    const [theirs] = await chaptersOf(other);
    expect((await browser.get(`/works/${mine}/chapters/${theirs.id}/edit`)).status).toBe(404);
    expect((await browser.post(`/works/${mine}/chapters/${theirs.id}/delete`)).status).toBe(404);
    expect(await deleteChapter(t.db, mine, theirs.id)).toBe('not_found');
  });
});
