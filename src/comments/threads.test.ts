/**
 * Threads as readers see them: replies nest to depth 5 and deeper ones stay
 * flat there saying "in reply to NAME"; 20 top-level comments a page, oldest
 * first; a long thread opens whole on its permalink; the page costs the same
 * queries however many comments it shows; comments_count shows in listings;
 * muted people's comments are left out; and HTML comes out inert.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import { signIn } from '../../test/support/factories.ts';
import {
  commentRows,
  commentsCount,
  insertCommentRow,
  makeCommentableWork,
  makeMember,
} from './comments.test-helper.ts';
import { LONG_THREAD } from './threads.ts';
import type { User } from '../accounts/accounts.table.ts';

/** The text between <article id="comment-N"> and its end, per comment, in page order. */
function articleIds(html: string): number[] {
  return [...html.matchAll(/id="comment-(\d+)"/g)].map((m) => Number(m[1]));
}

forEachDatabase('comment threads', (t) => {
  const app = () => makeTestApp(t.db);

  it('nests replies to depth 5, then lists deeper ones flat with "in reply to NAME"', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const people: User[] = [];
    for (let i = 0; i < 8; i++) people.push(await makeMember(t.db));
    let parentId: number | null = null;
    const ids: number[] = [];
    for (const [depth, person] of people.entries()) {
      parentId = await insertCommentRow(t.db, { workId, parentId, user: person, body: `<p>Depth ${depth} note.</p>` });
      ids.push(parentId);
    }
    const html = await new Browser(app()).page(`/comments/${ids[0]}`);
    expect(articleIds(html)).toEqual(ids);
    // Five nested reply lists at most: depth 1 to 5 are nested, 6 and 7 sit beside depth 5.
    const nestings = (html.match(/<ol class="replies">/g) ?? []).length;
    expect(nestings).toBe(5);
    const pseudName = async (index: number) =>
      (
        await t.db
          .selectFrom('pseuds')
          .select('name')
          .where('user_id', '=', people[index]!.id)
          .executeTakeFirstOrThrow()
      ).name;
    expect(html).toContain(`in reply to ${await pseudName(5)}`);
    expect(html).toContain(`in reply to ${await pseudName(6)}`);
    expect(html).not.toContain(`in reply to ${await pseudName(4)}`);
    const rows = await commentRows(t.db, workId);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('shows 20 top-level comments a page, oldest first', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) ids.push(await insertCommentRow(t.db, { workId, body: `<p>Note ${i}.</p>` }));
    const browser = new Browser(app());
    const first = await browser.page(`/works/${workId}/comments`);
    expect(articleIds(first)).toEqual(ids.slice(0, 20));
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain(`href="/works/${workId}/comments?page=2#comments"`);
    const second = await browser.page(`/works/${workId}/comments?page=2`);
    expect(articleIds(second)).toEqual(ids.slice(20));
    // The work page pages the same way.
    expect(articleIds(await browser.page(`/works/${workId}?page=2`))).toEqual(ids.slice(20));
  });

  it('cuts a long thread short in listings and shows it whole on its permalink', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const root = await insertCommentRow(t.db, { workId });
    for (let i = 0; i < LONG_THREAD + 5; i++) await insertCommentRow(t.db, { workId, parentId: root });
    const browser = new Browser(app());
    const listing = await browser.page(`/works/${workId}/comments`);
    expect(articleIds(listing)).toHaveLength(LONG_THREAD);
    expect(listing).toContain(`Read the whole thread (${LONG_THREAD + 6} comments)`);
    expect(articleIds(await browser.page(`/comments/${root}`))).toHaveLength(LONG_THREAD + 6);
  });

  it('costs the same number of queries for 2 threads as for 20 threads with replies', async () => {
    const writer = await makeMember(t.db);
    const small = await makeCommentableWork(t.db, writer);
    const big = await makeCommentableWork(t.db, writer);
    for (let i = 0; i < 2; i++) await insertCommentRow(t.db, { workId: small, user: await makeMember(t.db) });
    for (let i = 0; i < 20; i++) {
      const top = await insertCommentRow(t.db, { workId: big, user: await makeMember(t.db) });
      const reply = await insertCommentRow(t.db, { workId: big, parentId: top, user: await makeMember(t.db) });
      await insertCommentRow(t.db, { workId: big, parentId: reply });
    }
    const counting = countingQueries(t.db);
    const reader = await makeMember(t.db);
    const browser = new Browser(makeTestApp(counting.db));
    await signIn(browser, t.db, reader);
    const cost = async (path: string) => {
      await browser.page(path); // the first view of a work records a hit; compare the second
      counting.queries = 0;
      const html = await browser.page(path);
      return { queries: counting.queries, comments: articleIds(html).length };
    };
    const few = await cost(`/works/${small}`);
    const many = await cost(`/works/${big}`);
    expect(few.comments).toBe(2);
    expect(many.comments).toBe(60);
    expect(many.queries).toBe(few.queries);
    const fewAlone = await cost(`/works/${small}/comments`);
    const manyAlone = await cost(`/works/${big}/comments`);
    expect(manyAlone.queries).toBe(fewAlone.queries);
  });

  it('shows comments_count in listings: visible comments only', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const reader = new Browser(app());
    await signIn(reader, t.db, await makeMember(t.db));
    await reader.post(`/works/${workId}/comments`, { body: 'One.' });
    await reader.post(`/works/${workId}/comments`, { body: 'Two.' });
    await reader.post(`/works/${workId}/comments`, { body: 'Three.' });
    const [, second] = await commentRows(t.db, workId);
    const creator = new Browser(app());
    await signIn(creator, t.db, writer);
    await creator.post(`/comments/${second!.id}/hide`);
    expect(await commentsCount(t.db, workId)).toBe(2);
    const listing = await new Browser(app()).page(`/users/${writer.username}/works`);
    expect(listing).toMatch(/<dt>Comments:<\/dt><dd>2<\/dd>/);
  });

  it('leaves out the comments of people the viewer muted', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const loud = await makeMember(t.db);
    const quiet = await makeMember(t.db);
    const top = await insertCommentRow(t.db, { workId, user: loud, body: '<p>Muted top words.</p>' });
    await insertCommentRow(t.db, { workId, parentId: top, user: quiet, body: '<p>Under the muted one.</p>' });
    await insertCommentRow(t.db, { workId, user: quiet, body: '<p>Quiet top words.</p>' });
    const muter = await makeMember(t.db);
    await t.db
      .insertInto('user_mutes')
      .values({ muter_id: muter.id, muted_id: loud.id, created_at: new Date().toISOString() })
      .execute();
    const browser = new Browser(app());
    await signIn(browser, t.db, muter);
    const html = await browser.page(`/works/${workId}`);
    expect(html).not.toContain('Muted top words.');
    expect(html).toContain('Quiet top words.');
    expect(await new Browser(app()).page(`/works/${workId}`)).toContain('Muted top words.');
  });

  it('signs a creator’s comment on an anonymous work as "Anonymous Creator" to everyone else', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', workId).execute();
    const id = await insertCommentRow(t.db, { workId, user: writer, body: '<p>Thanks, all.</p>' });
    const html = await new Browser(app()).page(`/comments/${id}`);
    expect(html).toContain('Anonymous Creator');
    expect(html).not.toContain(writer.username);
    const own = new Browser(app());
    await signIn(own, t.db, writer);
    expect(await own.page(`/comments/${id}`)).toContain(`>${writer.username}</a>`);
  });

  it('makes <script>, onclick and javascript: links inert', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const browser = new Browser(app());
    await signIn(browser, t.db, await makeMember(t.db));
    await browser.post(`/works/${workId}/comments`, {
      body: '<p onclick="steal()">Nice <a href="javascript:steal()">link</a></p><script>steal()</script>',
    });
    const [row] = await commentRows(t.db, workId);
    expect(row!.body).not.toMatch(/script|onclick|javascript:/i);
    const html = await browser.page(`/comments/${row!.id}`);
    expect(html).toContain('Nice');
    expect(html).not.toMatch(/<script>steal|onclick=|javascript:steal/i);
  });

  it('hides comments on works the viewer may not read, and the permalink of a held comment from others', async () => {
    const writer = await makeMember(t.db);
    const restricted = await makeCommentableWork(t.db, writer, { isRestricted: true });
    const id = await insertCommentRow(t.db, { workId: restricted, body: '<p>Members only.</p>' });
    const guest = new Browser(app());
    const permalink = await guest.get(`/comments/${id}`);
    expect(permalink.status).toBe(303);
    expect(permalink.headers.get('location')).toMatch(/^\/login/);
    expect((await guest.get(`/works/${restricted}/comments`)).status).toBe(303);
    const draft = await makeCommentableWork(t.db, writer, { post: false });
    const draftComment = await insertCommentRow(t.db, { workId: draft, body: '<p>Draft note.</p>' });
    const reader = new Browser(app());
    await signIn(reader, t.db, await makeMember(t.db));
    expect((await reader.get(`/comments/${draftComment}`)).status).toBe(404);
    const open = await makeCommentableWork(t.db, writer, { moderatedComments: true });
    await reader.post(`/works/${open}/comments`, { body: 'Held words.' });
    const [held] = await commentRows(t.db, open);
    expect((await reader.get(`/comments/${held!.id}`)).status).toBe(200);
    expect((await new Browser(app()).get(`/comments/${held!.id}`)).status).toBe(404);
  });
});
