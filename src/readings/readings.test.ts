/**
 * Readings on the site, on both databases: the history a member's visits
 * keep (dates, counts, the last chapter, "Updated since last visit"),
 * marked for later, reading statuses, the lists' filters, and their
 * privacy — only the owner sees them, and works they may no longer see
 * never show their titles.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { addChapter } from '../chapters/add-chapter.ts';
import type { App } from '../server.ts';

forEachDatabase('readings', (t) => {
  let app: App;
  let writer: User;
  let fan: User;
  let member: Browser;
  let guest: Browser;
  let stranger: Browser;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    writer = await makeUser(t.db);
    fan = await makeUser(t.db);
    member = new Browser(app);
    guest = new Browser(app);
    stranger = new Browser(app);
    await signIn(member, t.db, fan);
    await signIn(stranger, t.db, await makeUser(t.db));
  });

  const history = () => `/users/${fan.username}/readings`;
  const row = (workId: number) =>
    t.db
      .selectFrom('readings')
      .selectAll()
      .where('user_id', '=', fan.id)
      .where('work_id', '=', workId)
      .executeTakeFirst();
  const chapterIds = async (workId: number) =>
    (await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).orderBy('position').execute()).map(
      (c) => c.id,
    );

  it('keeps each visit: the date, how many times, the last chapter, and what was posted since', async () => {
    const work = await makeWork(t.db, writer, {
      title: 'Salt Road Letters',
      chapters: [chapter('<p>The first letter came by cart.</p>'), chapter('<p>The second came by boat.</p>')],
    });
    const [first, second] = await chapterIds(work);
    // Guests record nothing.
    await guest.page(`/works/${work}`);
    expect(await t.db.selectFrom('readings').selectAll().where('work_id', '=', work).execute()).toEqual([]);

    await member.page(`/works/${work}`);
    expect(await row(work)).toMatchObject({ visit_count: 1, last_chapter_id: first, chapters_seen: 2 });
    await member.page(`/works/${work}/chapters/${second}`);
    expect(await row(work)).toMatchObject({ visit_count: 2, last_chapter_id: second });
    // Back on the work's front page, the chapter they stopped at stays, and the page offers it.
    const front = await member.page(`/works/${work}`);
    expect(front).toContain(`href="/works/${work}/chapters/${second}"`);
    expect(front).toContain('Continue reading (Chapter 2)');
    expect(front).not.toContain('Updated since last visit');
    expect(await row(work)).toMatchObject({ visit_count: 3, last_chapter_id: second });

    const listed = await member.page(history());
    expect(listed).toContain('Salt Road Letters');
    expect(listed).toContain('Visited 3 times');
    expect(listed).toContain('Last read: Chapter 2');
    expect(listed).toContain(`action="/readings/${work}/delete"`);

    await addChapter(t.db, work, chapter('<p>The third was never sent.</p>'), { post: true });
    expect(await member.page(history())).toContain('Updated since last visit');
    expect(await member.page('/works')).toContain('Updated since last visit');
    // Reading it clears the flag.
    expect(await member.page(`/works/${work}`)).toContain('Updated since last visit');
    expect(await member.page(history())).not.toContain('Updated since last visit');
  });

  it('deletes one entry, clears all, and turning history off clears it and keeps nothing after', async () => {
    const a = await makeWork(t.db, writer, { title: 'Glasshouse Winter' });
    const b = await makeWork(t.db, writer, { title: 'Orchard Ledger' });
    await member.page(`/works/${a}`);
    await member.page(`/works/${b}`);
    // Someone else's delete touches only their own history.
    await stranger.post(`/readings/${a}/delete`);
    expect(await row(a)).toBeDefined();
    const deleted = await member.post(`/readings/${a}/delete`, { return_to: history() });
    expect(deleted.status).toBe(303);
    expect(await row(a)).toBeUndefined();
    const page = await member.page(history());
    expect(page).toContain('Deleted from your history.');
    expect(page).not.toContain('Glasshouse Winter');
    expect(page).toContain('Orchard Ledger');

    expect((await member.post('/readings/clear')).status).toBe(303);
    expect(await member.page(history())).not.toContain('Orchard Ledger');

    await member.page(`/works/${b}`);
    expect((await member.post('/readings/settings', { history: 'off' })).status).toBe(303);
    expect(await row(b)).toBeUndefined();
    await member.page(`/works/${a}`);
    expect(await row(a)).toBeUndefined();
    expect(await member.page(history())).toContain('Your history is off');
    await member.post('/readings/settings', { history: 'on' });
    await member.page(`/works/${a}`);
    expect(await row(a)).toMatchObject({ visit_count: 1 });
  });

  it('marks a work for later from its page and blurbs; opening it takes it off the list', async () => {
    const work = await makeWork(t.db, writer, { title: 'Tidewater Almanac' });
    const blurbs = await member.page('/works');
    expect(blurbs).toContain(`action="/readings/${work}/later"`);
    const marked = await member.post(`/readings/${work}/later`, { marked: '1', return_to: '/works' });
    expect(marked.status).toBe(303);
    expect(marked.headers.get('location')).toBe('/works');
    expect(await row(work)).toMatchObject({ is_marked_for_later: 1, visited_at: null });
    // ?show=to-read is the list's address, kept as a path so the filters keep it.
    const to = await member.get(`${history()}?show=to-read`);
    expect(to.headers.get('location')).toBe(`${history()}/to-read`);
    const list = await member.page(`${history()}/to-read`);
    expect(list).toContain('Tidewater Almanac');
    expect(list).toContain('Marked for later (remove)');
    expect(await member.page(history())).not.toContain('Tidewater Almanac');

    await member.page(`/works/${work}`);
    expect(await row(work)).toMatchObject({ is_marked_for_later: 0, visit_count: 1 });
    expect(await member.page(`${history()}/to-read`)).not.toContain('Tidewater Almanac');
    // Guests cannot mark anything.
    expect((await guest.post(`/readings/${work}/later`, { marked: '1' })).status).toBe(303);
    expect((await guest.post(`/readings/${work}/later`, { marked: '1' })).headers.get('location')).toContain('/login');
  });

  it('keeps a reading status, a private note and a rating, and lists each status', async () => {
    const work = await makeWork(t.db, writer, { title: 'Beacon Hill Quartet' });
    const saved = await member.post(`/readings/${work}/status`, {
      status: 'on-hold',
      note: 'Waiting for the winter chapters.',
      rating: '4',
      return_to: `/works/${work}`,
    });
    expect(saved.status).toBe(303);
    expect(await row(work)).toMatchObject({ status: 'on-hold', note: 'Waiting for the winter chapters.', rating: 4 });
    const page = await member.page(`/works/${work}`);
    expect(page).toContain('Your reading status: On hold · your rating 4/5');
    expect(page).toContain('Waiting for the winter chapters.');
    expect(await member.page(`${history()}/on-hold`)).toContain('Beacon Hill Quartet');
    expect(await member.page(`${history()}/finished`)).not.toContain('Beacon Hill Quartet');
    // The note is the member's alone.
    expect(await stranger.page(`/works/${work}`)).not.toContain('Waiting for the winter chapters.');

    const bad = await member.post(`/readings/${work}/status`, { status: 'shelved', rating: '9' });
    expect(bad.status).toBe(303);
    expect(await row(work)).toMatchObject({ status: 'on-hold' });
    await member.post(`/readings/${work}/status`, { status: '', note: '', rating: '' });
    expect(await row(work)).toMatchObject({ status: null, note: null, rating: null });
  });

  it('filters the history like any listing, with counts', async () => {
    const teen = await makeWork(t.db, writer, { title: 'Lamplighter Teen', rating: 'Teen And Up Audiences' });
    const general = await makeWork(t.db, writer, { title: 'Lamplighter General' });
    await makeWork(t.db, writer, { title: 'Lamplighter Unread', rating: 'Teen And Up Audiences' });
    await member.page(`/works/${teen}`);
    await member.page(`/works/${general}`);
    const both = await member.page(`${history()}?q=lamplighter`);
    expect(both).toMatch(/1 – 2 of 2 Works/);
    expect(both).not.toContain('Lamplighter Unread');
    // The sidebar counts the history's works only.
    expect(both).toMatch(/Teen And Up Audiences<span class="facet-count"> \(1\)<\/span>/);
    const filtered = await member.page(`${history()}?q=lamplighter&rating=Teen+And+Up+Audiences`);
    expect(filtered).toContain('Lamplighter Teen');
    expect(filtered).not.toContain('Lamplighter General');
    expect(filtered).toMatch(/1 – 1 of 1 Work/);
  });

  it('shows the lists to their owner alone, and never the titles of works they may no longer see', async () => {
    for (const path of [history(), `${history()}/to-read`, `${history()}/reading`]) {
      expect((await stranger.get(path)).status).toBe(404);
      expect((await guest.get(path)).status).toBe(404);
    }
    const states = {
      draft: { status: 'draft' },
      hidden: { is_hidden: 1 },
      deleted: { deleted_at: new Date().toISOString() },
      restricted: { is_restricted: 1 },
    } as const;
    const ids: Record<string, number> = {};
    for (const [state, change] of Object.entries(states)) {
      ids[state] = await makeWork(t.db, writer, { title: `Fogbound Ferry ${state}` });
      await member.page(`/works/${ids[state]}`);
      await member.post(`/readings/${ids[state]}/later`, { marked: '1' });
      await member.post(`/readings/${ids[state]}/status`, { status: 'reading' });
      await t.db.updateTable('works').set(change).where('id', '=', ids[state]).execute();
    }
    for (const path of [history(), `${history()}/to-read`, `${history()}/reading`]) {
      const html = await member.page(path);
      for (const state of Object.keys(states))
        expect(html.includes(`Fogbound Ferry ${state}`), `${path} ${state}`).toBe(state === 'restricted');
    }
    // A work they may not keep cannot be marked.
    expect((await member.post(`/readings/${ids.draft}/later`, { marked: '1' })).status).toBe(404);
  });
});
