import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeWork } from '../../test/support/factories.ts';
import { refreshWorkStats } from './queries.ts';
import { makeCast, mainOf, type Cast } from './reading.test-helper.ts';

const TEXTS = [
  'The ferry left before the bell.',
  'On the far shore the orchard was bare.',
  'Nobody had swept the chapel steps.',
];

forEachDatabase('reading chapter by chapter', (t) => {
  let cast: Cast;
  let workId: number;
  let chapterIds: number[];

  beforeAll(async () => {
    cast = await makeCast(t.db);
    workId = await makeWork(t.db, cast.creatorUser, {
      title: 'Three Crossings',
      expectedChapters: 4,
      endNotes: '<p>Thanks to the ferry crew.</p>',
      chapters: TEXTS.map((text, i) => chapter(`<p>${text}</p>`, { title: ['Departure', 'Orchard', 'Chapel'][i] })),
    });
    const rows = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    chapterIds = rows.map((r) => r.id);
    // The third chapter goes back to being a draft: readers must not meet it anywhere.
    await t.db.updateTable('chapters').set({ is_posted: 0 }).where('id', '=', chapterIds[2]).execute();
    await refreshWorkStats(t.db, workId);
  });

  it('opens a multi-chapter work at chapter 1 with next, index and "Entire work" links', async () => {
    const html = mainOf(await cast.guest.page(`/works/${workId}`));
    expect(html).toContain(TEXTS[0]);
    expect(html).not.toContain(TEXTS[1]);
    expect(html).toContain('Chapter 1: Departure');
    expect(html).toContain(`<a rel="next" href="/works/${workId}/chapters/${chapterIds[1]}">Next chapter →</a>`);
    expect(html).toContain(`href="/works/${workId}?view_full_work=true">Entire work</a>`);
    expect(html).toContain(`action="/works/${workId}/navigate"`);
    expect(html).toContain(`<option value="${chapterIds[1]}">Chapter 2: Orchard</option>`);
    expect(html).not.toContain('Chapel');
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain('<dd>2/4</dd>');
  });

  it('reads one chapter with previous/next, and never offers a draft chapter to readers', async () => {
    const second = mainOf(await cast.guest.page(`/works/${workId}/chapters/${chapterIds[1]}`));
    expect(second).toContain(TEXTS[1]);
    expect(second).not.toContain(TEXTS[0]);
    expect(second).toContain(`<a rel="prev" href="/works/${workId}/chapters/${chapterIds[0]}">`);
    expect(second).not.toContain('Next chapter');
    expect(second).toContain(`<option value="${chapterIds[1]}" selected="">`);
    // The work's end notes close the last chapter a reader can read.
    expect(second).toContain('Thanks to the ferry crew.');
    const missing = mainOf(await cast.guest.page(`/works/${workId}/chapters/${chapterIds[2]}`, 404));
    expect(missing).toContain('There is no chapter at this address.');
    expect(missing).toContain(`<a href="/works/${workId}">Read the work from its first chapter</a>`);
    await cast.other.page(`/works/${workId}/chapters/${chapterIds[2]}`, 404);
  });

  it('shows its creator the draft chapter, marked as a draft', async () => {
    const second = mainOf(await cast.creator.page(`/works/${workId}/chapters/${chapterIds[1]}`));
    expect(second).toContain(`<a rel="next" href="/works/${workId}/chapters/${chapterIds[2]}">`);
    expect(second).toContain('Chapter 3: Chapel (Draft)');
    const third = mainOf(await cast.creator.page(`/works/${workId}/chapters/${chapterIds[2]}`));
    expect(third).toContain(TEXTS[2]);
    expect(third).toContain('Draft</span>');
  });

  it('shows the entire work: every chapter a reader may read, in order', async () => {
    const html = mainOf(await cast.guest.page(`/works/${workId}?view_full_work=true`));
    expect(html.indexOf(TEXTS[0])).toBeGreaterThan(0);
    expect(html.indexOf(TEXTS[1])).toBeGreaterThan(html.indexOf(TEXTS[0]));
    expect(html).not.toContain(TEXTS[2]);
    expect(html).toContain('Chapter by chapter');
    const creators = mainOf(await cast.creator.page(`/works/${workId}?view_full_work=true`));
    expect(creators).toContain(TEXTS[2]);
  });

  it('sends the chapter index form to the chosen chapter', async () => {
    const response = await cast.guest.get(`/works/${workId}/navigate?chapter=${chapterIds[1]}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/works/${workId}/chapters/${chapterIds[1]}`);
    const nonsense = await cast.guest.get(`/works/${workId}/navigate?chapter=abc`);
    expect(nonsense.headers.get('location')).toBe(`/works/${workId}`);
  });

  it('shows a one-chapter work whole, without chapter navigation', async () => {
    const single = await makeWork(t.db, cast.creatorUser, { chapters: [chapter('<p>Only the one crossing.</p>')] });
    const html = mainOf(await cast.guest.page(`/works/${single}`));
    expect(html).toContain('Only the one crossing.');
    expect(html).not.toContain('Chapter index');
    expect(html).not.toContain('Entire work');
  });
});
