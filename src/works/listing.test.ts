import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import { hideWork, makeCast, makeMatrixWorks, mainOf, type Cast, type MatrixWorks } from './reading.test-helper.ts';

forEachDatabase('the works listing: who sees what', (t) => {
  let cast: Cast;
  let works: MatrixWorks;
  let hiddenTitle: string;

  beforeAll(async () => {
    cast = await makeCast(t.db);
    works = await makeMatrixWorks(t.db, cast.creatorUser);
    hiddenTitle = 'A Hidden Ferry Story';
    await hideWork(t.db, await makeWork(t.db, cast.creatorUser, { title: hiddenTitle }));
  });

  it('never lists drafts or hidden works, and lists restricted works only to logged-in readers', async () => {
    for (const role of ['guest', 'other', 'creator', 'admin'] as const) {
      const html = mainOf(await cast[role].page('/works'));
      expect(html, role).toContain(works.posted.title);
      expect(html, role).not.toContain(works.draft.title);
      expect(html, role).not.toContain(hiddenTitle);
      if (role === 'guest') expect(html).not.toContain(works.restricted.title);
      else expect(html, role).toContain(works.restricted.title);
    }
    expect(mainOf(await cast.guest.page('/works'))).toContain('1 – 1 of 1 Work');
    expect(mainOf(await cast.other.page('/works'))).toContain('1 – 2 of 2 Works');
  });
});

forEachDatabase('a work blurb', (t) => {
  it('shows title, creators, fandoms, indicators, tags, summary and figures', async () => {
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, {
      title: 'Lamps Along the Quay',
      rating: 'Mature',
      warnings: ['Major Character Death'],
      categories: ['F/F'],
      fandoms: ['Harbour Tales', 'Canal Songs'],
      relationships: ['Ada/Bea'],
      characters: ['Ada'],
      freeforms: ['Slow Burn'],
      summary: '<p>Two lamplighters and one long winter.</p>',
      languageCode: 'de',
      expectedChapters: 2,
      chapters: [chapter('<p>One two three four five.</p>')],
    });
    const reader = new Browser(makeTestApp(t.db));
    const html = mainOf(await reader.page('/works'));
    expect(html).toContain(
      `<a href="/works/${id}">Lamps Along the Quay</a> by <a rel="author" href="/users/${writer.username}">`,
    );
    for (const text of [
      'Harbour Tales',
      'Canal Songs',
      'Ada/Bea',
      '>Ada<',
      'Slow Burn',
      'Two lamplighters and one long winter.',
      'Deutsch',
    ]) {
      expect(html).toContain(text);
    }
    // Indicators are words a screen reader reads, not pictures.
    expect(html).toContain('<span class="visually-hidden">Rating: </span>Mature');
    expect(html).toContain('<span class="visually-hidden">Warnings: </span>Archive Warnings Apply');
    expect(html).toContain('<span class="visually-hidden">Category: </span>F/F');
    expect(html).toContain('<span class="visually-hidden">Status: </span>Work in Progress');
    expect(html).toContain('<dt>Words:</dt><dd>5</dd>');
    expect(html).toContain('<dt>Chapters:</dt><dd>1/2</dd>');
    expect(html).toContain('<dt>Kudos:</dt><dd>0</dd>');
    expect(html).toContain('<dt>Hits:</dt><dd>0</dd>');
    expect(html).not.toContain('Show warnings');
  });

  it('keeps warnings and additional tags behind a click for readers who asked', async () => {
    const writer = await makeUser(t.db);
    await makeWork(t.db, writer, { warnings: ['Graphic Depictions Of Violence'], freeforms: ['Shipwrecks'] });
    const reader = await makeUser(t.db);
    await t.db.updateTable('users').set({ hide_warnings: 1, hide_freeform: 1 }).where('id', '=', reader.id).execute();
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, reader);
    const html = mainOf(await browser.page('/works'));
    expect(html).toMatch(
      /<details class="spoiler"><summary>Show warnings<\/summary><ul class="tags warnings"><li><a class="tag" href="[^"]+">Graphic Depictions Of Violence/,
    );
    expect(html).toMatch(
      /<details class="spoiler"><summary>Show additional tags<\/summary><ul class="tags freeforms"><li><a class="tag" href="[^"]+">Shipwrecks/,
    );
  });
});

forEachDatabase('works listing pages', (t) => {
  const ids: number[] = [];

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    for (let i = 0; i < 21; i++) {
      const id = await makeWork(t.db, writer, { title: `Tide Log ${String(i).padStart(2, '0')}` });
      // Spread the updated dates, with two works sharing one so the id must break the tie.
      const day = String(Math.min(i, 19) + 1).padStart(2, '0');
      await t.db
        .updateTable('works')
        .set({ updated_on: `2024-03-${day}` })
        .where('id', '=', id)
        .execute();
      ids.push(id);
    }
  });

  const blurbIds = (html: string) => [...html.matchAll(/<li class="blurb" id="work-(\d+)"/g)].map((m) => Number(m[1]));

  it('shows 20 works a page, most recently updated first, with previous/next links and a count', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const first = mainOf(await browser.page('/works'));
    const second = mainOf(await browser.page('/works?page=2'));
    const expected = [...ids].reverse(); // later days and, on the shared day, the higher id first
    expect(blurbIds(first)).toEqual(expected.slice(0, 20));
    expect(blurbIds(second)).toEqual(expected.slice(20));
    expect(first).toContain('1 – 20 of 21 Works');
    expect(first).toContain('<a rel="next" href="/works?page=2">');
    expect(first).not.toContain('rel="prev"');
    expect(second).toContain('21 – 21 of 21 Works');
    expect(second).toContain('<a rel="prev" href="/works">');
    expect(second).not.toContain('rel="next"');
    expect(blurbIds(mainOf(await browser.page('/works?page=3')))).toEqual([]);
    expect(blurbIds(mainOf(await browser.page('/works?page=nonsense')))).toEqual(expected.slice(0, 20));
  });

  it('loads a page of blurbs in as many queries as a page of one (no query per work)', async () => {
    const counting = countingQueries(t.db);
    // The listing's own queries: without the page cache, which adds its two change-log reads to a guest's miss
    // and answers a hit with none (src/pagecache/page-cache.test.ts counts those).
    const browser = new Browser(makeTestApp(counting.db, { pageCache: false }));
    counting.queries = 0; // the archive's settings, read as the app is made
    await browser.page('/works?page=2');
    const forOne = counting.queries;
    counting.queries = 0;
    await browser.page('/works');
    expect(counting.queries).toBe(forOne);
    // The page, its count, its facet counts and the sidebar's languages, plus the blurbs' batch loads
    // (works, creators, tags, gifts, series, collections).
    expect(counting.queries).toBeLessThanOrEqual(12);
  });
});
