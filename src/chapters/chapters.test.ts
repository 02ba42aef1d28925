import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { today } from '../works/queries.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { decode, fieldError } from '../../test/support/post-form.ts';
import { rowCounts } from '../../test/support/row-counts.ts';

forEachDatabase('writing chapters', (t) => {
  let writer: User;
  let writerBrowser: Browser;
  let strangerBrowser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    writerBrowser = new Browser(makeTestApp(t.db));
    await signIn(writerBrowser, t.db, writer);
    strangerBrowser = new Browser(makeTestApp(t.db));
    await signIn(strangerBrowser, t.db, await makeUser(t.db));
  });

  const chaptersOf = (workId: number) =>
    t.db
      .selectFrom('chapters')
      .select(['id', 'position', 'title', 'word_count', 'is_posted', 'published_on'])
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
  const workOf = (workId: number) =>
    t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
  /** A posted, backdated work with three chapters of 2, 3 and 4 words. */
  const threeChapterWork = () =>
    makeWork(t.db, writer, {
      publishedOn: '2020-05-01',
      expectedChapters: 3,
      chapters: [
        chapter('<p>Tide one.</p>', { title: 'Ebb' }),
        chapter('<p>Tide two turns.</p>', { title: 'Flow' }),
        chapter('<p>Tide three turns again.</p>', { title: 'Slack' }),
      ],
    });

  const chapterForm = (overrides: Record<string, string> = {}) => ({
    action: 'post',
    chapter_title: 'Neap Tide',
    summary: '',
    notes: 'A <em>short</em> note.',
    end_notes: '',
    body: 'The water barely moved.\n\nAda waited anyway.',
    ...overrides,
  });

  it('adds a posted chapter dated today, bumping the updated date, word count and expected count', async () => {
    const workId = await makeWork(t.db, writer, { publishedOn: '2020-05-01', chapters: [chapter('<p>Tide one.</p>')] });
    const form = await writerBrowser.page(`/works/${workId}/chapters/new`);
    expect(form).toContain('name="chapter_title"');
    const response = await writerBrowser.post(`/works/${workId}/chapters/new`, chapterForm());
    expect(response.status).toBe(303);
    const chapters = await chaptersOf(workId);
    expect(response.headers.get('location')).toBe(`/works/${workId}/chapters/${chapters[1].id}`);
    expect(chapters.map((c) => [c.position, c.is_posted, c.published_on, c.word_count])).toEqual([
      [1, 1, '2020-05-01', 2],
      [2, 1, today(), 7],
    ]);
    const work = await workOf(workId);
    expect(work).toMatchObject({
      posted_chapters: 2,
      expected_chapters: 2,
      word_count: 9,
      published_on: '2020-05-01',
      updated_on: today(),
    });
    const notes = await t.db
      .selectFrom('chapters')
      .select('notes')
      .where('id', '=', chapters[1].id)
      .executeTakeFirstOrThrow();
    expect(notes.notes).toBe('<p>A <em>short</em> note.</p>');
  });

  it('adds a draft chapter that counts only once posted', async () => {
    const workId = await makeWork(t.db, writer, { expectedChapters: null, chapters: [chapter('<p>Tide one.</p>')] });
    const response = await writerBrowser.post(`/works/${workId}/chapters/new`, chapterForm({ action: 'draft' }));
    expect(response.headers.get('location')).toBe(`/works/${workId}/chapters/manage`);
    let chapters = await chaptersOf(workId);
    expect(chapters[1]).toMatchObject({ position: 2, is_posted: 0, published_on: null, word_count: 7 });
    expect(await workOf(workId)).toMatchObject({ posted_chapters: 1, word_count: 2 });

    const manage = await writerBrowser.page(`/works/${workId}/chapters/manage`);
    expect(manage).toContain(`formaction="/works/${workId}/chapters/${chapters[1].id}/post"`);
    expect((await writerBrowser.post(`/works/${workId}/chapters/${chapters[1].id}/post`)).status).toBe(303);
    chapters = await chaptersOf(workId);
    expect(chapters[1]).toMatchObject({ is_posted: 1, published_on: today() });
    expect(await workOf(workId)).toMatchObject({ posted_chapters: 2, word_count: 9, updated_on: today() });
  });

  it('refuses an empty chapter beside the body, keeps the fields, and writes nothing; preview writes nothing', async () => {
    const workId = await makeWork(t.db, writer);
    const before = await rowCounts(t.db);
    const refused = await writerBrowser.post(
      `/works/${workId}/chapters/new`,
      chapterForm({ body: ' \n ', notes: 'Kept & sound' }),
    );
    const html = await refused.text();
    expect(refused.status).toBe(422);
    expect(fieldError(html, 'body')).toMatch(/cannot be empty/);
    expect(html).toContain('value="Neap Tide"');
    expect(html).toContain('>Kept &amp; sound</textarea>');

    const preview = await writerBrowser.post(
      `/works/${workId}/chapters/new`,
      chapterForm({ action: 'preview', body: '<p onclick="x()">Still <b>water</b>.</p>' }),
    );
    const previewHtml = await preview.text();
    expect(preview.status).toBe(200);
    expect(previewHtml).toContain('<div class="userstuff chapter-body"><p>Still <b>water</b>.</p></div>');
    expect(decode(previewHtml)).toContain('<p onclick="x()">Still <b>water</b>.</p></textarea>');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('edits a chapter: new text, new word counts, same date', async () => {
    const workId = await threeChapterWork();
    const [, second] = await chaptersOf(workId);
    const form = await writerBrowser.page(`/works/${workId}/chapters/${second.id}/edit`);
    expect(form).toContain('value="Flow"');
    expect(form).toContain('&lt;p&gt;Tide two turns.&lt;/p&gt;</textarea>');
    const response = await writerBrowser.post(
      `/works/${workId}/chapters/${second.id}/edit`,
      chapterForm({
        action: 'save',
        chapter_title: 'Flood',
        body: 'One two three four five six seven eight nine ten.',
      }),
    );
    expect(response.status).toBe(303);
    const chapters = await chaptersOf(workId);
    expect(chapters[1]).toMatchObject({ title: 'Flood', word_count: 10, published_on: '2020-05-01' });
    expect(await workOf(workId)).toMatchObject({ word_count: 16, updated_on: '2020-05-01' });
  });

  it('reorders chapters from the number inputs, keeping positions 1..n', async () => {
    const workId = await threeChapterWork();
    const [ebb, flow, slack] = await chaptersOf(workId);
    const page = await writerBrowser.page(`/works/${workId}/chapters/manage`);
    expect(page).toContain(
      `<label for="position_${slack.id}" class="visually-hidden">Position of Chapter 3: Slack</label>`,
    );
    const response = await writerBrowser.post(`/works/${workId}/chapters/manage`, {
      [`position_${ebb.id}`]: '1',
      [`position_${flow.id}`]: '2',
      [`position_${slack.id}`]: '1',
    });
    expect(response.status).toBe(303);
    expect((await chaptersOf(workId)).map((c) => [c.title, c.position])).toEqual([
      ['Slack', 1],
      ['Ebb', 2],
      ['Flow', 3],
    ]);
    await writerBrowser.post(`/works/${workId}/chapters/manage`, {
      [`position_${slack.id}`]: '3',
      [`position_${ebb.id}`]: '2',
      [`position_${flow.id}`]: '3',
    });
    expect((await chaptersOf(workId)).map((c) => c.title)).toEqual(['Ebb', 'Flow', 'Slack']);
  });

  it('refuses a position that is not a number beside its input, changing nothing', async () => {
    const workId = await threeChapterWork();
    const [ebb, flow, slack] = await chaptersOf(workId);
    const response = await writerBrowser.post(`/works/${workId}/chapters/manage`, {
      [`position_${ebb.id}`]: '3',
      [`position_${flow.id}`]: 'first',
      [`position_${slack.id}`]: '1',
    });
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(fieldError(html, `position_${flow.id}`)).toBe('Give Chapter 2: Flow a position as a whole number from 1.');
    expect(html).toContain(`name="position_${flow.id}" type="number" min="1" class="position-input" value="first"`);
    expect((await chaptersOf(workId)).map((c) => c.title)).toEqual(['Ebb', 'Flow', 'Slack']);
  });

  it('deletes a chapter, closing the gap and recounting words; never the only chapter', async () => {
    const workId = await threeChapterWork();
    const [, flow] = await chaptersOf(workId);
    expect(await writerBrowser.page(`/works/${workId}/chapters/${flow.id}/delete`)).toContain(
      'Delete Chapter 2: Flow?',
    );
    expect((await writerBrowser.post(`/works/${workId}/chapters/${flow.id}/delete`)).status).toBe(303);
    expect((await chaptersOf(workId)).map((c) => [c.title, c.position])).toEqual([
      ['Ebb', 1],
      ['Slack', 2],
    ]);
    expect(await workOf(workId)).toMatchObject({ posted_chapters: 2, word_count: 6 });

    const single = await makeWork(t.db, writer);
    const [only] = await chaptersOf(single);
    const confirm = await writerBrowser.page(`/works/${single}/chapters/${only.id}/delete`);
    expect(confirm).toContain('This is the only chapter of the work, and a work needs at least one.');
    const refused = await writerBrowser.post(`/works/${single}/chapters/${only.id}/delete`);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('To remove it, delete the whole work.');
    expect(await chaptersOf(single)).toHaveLength(1);
  });

  it('keeps chapters to their creators', async () => {
    const workId = await threeChapterWork();
    const [ebb] = await chaptersOf(workId);
    const before = await rowCounts(t.db);
    for (const path of ['chapters/new', 'chapters/manage', `chapters/${ebb.id}/edit`, `chapters/${ebb.id}/delete`]) {
      expect((await strangerBrowser.get(`/works/${workId}/${path}`)).status).toBe(403);
    }
    expect((await strangerBrowser.post(`/works/${workId}/chapters/new`, chapterForm())).status).toBe(403);
    expect((await strangerBrowser.post(`/works/${workId}/chapters/${ebb.id}/delete`)).status).toBe(403);
    expect(
      (await strangerBrowser.post(`/works/${workId}/chapters/manage`, { [`position_${ebb.id}`]: '3' })).status,
    ).toBe(403);
    expect(await rowCounts(t.db)).toEqual(before);
    const guest = await new Browser(makeTestApp(t.db)).get(`/works/${workId}/chapters/new`);
    expect(guest.status).toBe(303);
    expect((await writerBrowser.get(`/works/${workId}/chapters/999999/edit`)).status).toBe(404);
  });
});
