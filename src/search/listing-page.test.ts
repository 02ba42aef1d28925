import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';

/** The page's main landmark, where listings render. */
function mainOf(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

function resultTitles(html: string): string[] {
  return [...mainOf(html).matchAll(/<h2 class="heading"><a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
}

async function wrangle(db: Db, names: string[]) {
  await db.updateTable('tags').set({ is_canonical: 1 }).where('name', 'in', names).execute();
  const works = await db.selectFrom('works').select('id').execute();
  await rederiveWorkFilterTags(
    db,
    works.map((w) => w.id),
  );
}

forEachDatabase('filtering a works listing', (t) => {
  let writer: User;
  let guest: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: 'harbourwriter' });
    await makeWork(t.db, writer, {
      title: 'Salt and Lanterns',
      fandoms: ['Harbour Tales'],
      freeforms: ['Fluff', 'Found Family'],
      expectedChapters: 1,
      chapters: [chapter('<p>The lantern keeper mended nets by the harbour wall.</p>')],
    });
    await makeWork(t.db, writer, {
      title: 'Storm Season',
      fandoms: ['Harbour Tales'],
      freeforms: ['Angst'],
      rating: 'Mature',
      expectedChapters: null,
      chapters: [chapter('<p>Thunder rolled over the quay all night long.</p>')],
    });
    await makeWork(t.db, writer, {
      title: 'Mountain Echo',
      fandoms: ['Mountain Songs'],
      freeforms: ['Fluff'],
      isRestricted: true,
      chapters: [chapter('<p>A song carried between the peaks and the lantern.</p>')],
    });
    await wrangle(t.db, ['Harbour Tales', 'Mountain Songs', 'Fluff', 'Angst', 'Found Family']);
    guest = new Browser(makeTestApp(t.db));
  });

  it('lists everything a guest may see, newest first, with facet counts in the sidebar', async () => {
    const html = await guest.page('/works');
    expect(resultTitles(html).sort()).toEqual(['Salt and Lanterns', 'Storm Season']);
    expect(mainOf(html)).toContain('1 – 2 of 2 Works');
    expect(mainOf(html)).toMatch(/Harbour Tales <span class="facet-count">\(2\)<\/span>/);
    expect(mainOf(html)).toMatch(/Fluff <span class="facet-count">\(1\)<\/span>/);
    // The restricted work counts for nobody who cannot see it.
    expect(mainOf(html)).not.toContain('Mountain Songs');
  });

  it('shows restricted works and their facets to a logged-in reader', async () => {
    const reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, await makeUser(t.db));
    const html = await reader.page('/works?include=Fluff');
    expect(resultTitles(html).sort()).toEqual(['Mountain Echo', 'Salt and Lanterns']);
    expect(mainOf(html)).toMatch(/Mountain Songs <span class="facet-count">\(1\)<\/span>/);
  });

  it('includes and excludes tags, with chips that remove each filter', async () => {
    const html = await guest.page('/works?include=Harbour%20Tales&exclude=Angst');
    expect(resultTitles(html)).toEqual(['Salt and Lanterns']);
    expect(html).toContain('aria-label="Remove filter Harbour Tales"');
    expect(html).toContain('href="/works?exclude=Angst" aria-label="Remove filter Harbour Tales"');
    expect(html).toContain('href="/works?include=Harbour+Tales" aria-label="Remove filter Not: Angst"');
    // Chosen filters stay checked in the form, so submitting again keeps them.
    expect(html).toMatch(/<input type="checkbox" id="chosen-\d" name="exclude" value="Angst" checked/);
  });

  it('filters by rating, completion and word count', async () => {
    expect(resultTitles(await guest.page('/works?rating=Mature'))).toEqual(['Storm Season']);
    expect(resultTitles(await guest.page('/works?complete=false'))).toEqual(['Storm Season']);
    expect(resultTitles(await guest.page('/works?words=9-'))).toEqual(['Salt and Lanterns']);
  });

  it('says so when a tag does not exist, instead of showing an empty page', async () => {
    const html = await guest.page('/works?include=Harbor%20Tails');
    expect(mainOf(html)).toContain('There is no tag named “Harbor Tails” here');
    expect(resultTitles(html)).toHaveLength(2);
  });

  it('explains a value it cannot read and keeps the other filters', async () => {
    const html = await guest.page('/works?words=lots&rating=Mature');
    expect(mainOf(html)).toContain('Word count &quot;lots&quot; should look like 1000-5000');
    expect(resultTitles(html)).toEqual(['Storm Season']);
  });

  it('turns the sidebar form into a short canonical link', async () => {
    const response = await guest.get(
      '/works?q=&sort=updated&order=desc&include=Fluff&crossover=include&complete=&words_min=5&words_max=&updated_from=&updated_to=&lang=',
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/works?include=Fluff&words=5-');
  });

  it('sorts by title and keeps the filters in the page links', async () => {
    const html = await guest.page('/works?sort=title');
    expect(resultTitles(html)).toEqual(['Salt and Lanterns', 'Storm Season']);
    const many = await makeUser(t.db);
    for (let i = 0; i < 21; i++)
      await makeWork(t.db, many, {
        title: `Tide Table ${String(i).padStart(2, '0')}`,
        freeforms: ['Fluff'],
        chapters: [chapter('<p>High water at noon.</p>')],
      });
    await wrangle(t.db, ['Fluff']);
    const first = await guest.page('/works?include=Fluff&sort=title');
    expect(first).toContain('href="/works?include=Fluff&amp;sort=title&amp;page=2"');
    const second = await guest.page('/works?include=Fluff&sort=title&page=2');
    expect(resultTitles(second)).toEqual(['Tide Table 19', 'Tide Table 20']);
    expect(mainOf(second)).toContain('21 – 22 of 22 Works');
  });

  it('filters a tag’s works and a user’s works the same way', async () => {
    expect(resultTitles(await guest.page('/tags/Harbour%20Tales/works?exclude=Fluff'))).toEqual(['Storm Season']);
    expect(resultTitles(await guest.page('/users/harbourwriter/works?include=Found%20Family'))).toEqual([
      'Salt and Lanterns',
    ]);
  });

  it('searches the text of works and shows where it matched', async () => {
    const html = await guest.page('/works/search?q=lantern');
    expect(resultTitles(html)).toEqual(['Salt and Lanterns']);
    expect(mainOf(html)).toContain('The <mark>lantern</mark> keeper mended nets');
    expect(resultTitles(await guest.page('/works/search?q=%22harbour%20wall%22'))).toEqual(['Salt and Lanterns']);
    expect(resultTitles(await guest.page('/works/search?q=title:storm'))).toEqual(['Storm Season']);
  });

  it('ranks a match in the title above a match in the text', async () => {
    const ranker = await makeUser(t.db);
    await makeWork(t.db, ranker, {
      title: 'Notes from the Quay',
      chapters: [chapter('<p>Somewhere past the quay a foghorn sounded twice.</p>')],
    });
    await makeWork(t.db, ranker, { title: 'The Foghorn', chapters: [chapter('<p>Grey morning on the water.</p>')] });
    expect(resultTitles(await guest.page('/works/search?q=foghorn'))).toEqual(['The Foghorn', 'Notes from the Quay']);
    expect(resultTitles(await guest.page('/works/search?q=foghorn&sort=title'))).toEqual([
      'The Foghorn',
      'Notes from the Quay',
    ]);
    expect(resultTitles(await guest.page('/works/search?q=foghorn&sort=title&order=desc'))).toEqual([
      'Notes from the Quay',
      'The Foghorn',
    ]);
  });

  it('lists more of a kind’s tags behind its “more” link', async () => {
    const tagger = await makeUser(t.db);
    const names = Array.from({ length: 12 }, (_, i) => `Motif ${String.fromCharCode(65 + i)}`);
    await makeWork(t.db, tagger, { title: 'Many Motifs', freeforms: names });
    await wrangle(t.db, names);
    const html = mainOf(await guest.page('/works?include=Motif%20A'));
    expect(html).toContain('href="/works?include=Motif+A&amp;more=freeform">More additional tags</a>');
    expect((html.match(/name="include" value="Motif /g) ?? []).length).toBe(10); // nine more, and Motif A chosen
    const more = mainOf(await guest.page('/works?include=Motif+A&more=freeform'));
    expect((more.match(/name="include" value="Motif /g) ?? []).length).toBe(12);
    expect(more).not.toContain('More additional tags');
  });

  it('answers a search syntax mistake with a hint, never an error', async () => {
    const response = await guest.get('/works/search?q=%22unclosed%20phrase');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(mainOf(html)).toContain('The search could not be read: A quotation mark is not closed');
    expect(mainOf(html)).toContain('Close the phrase with a second &quot;');
  });

  it('offers the search page with its syntax when nothing is asked yet', async () => {
    const html = await guest.page('/works/search');
    expect(mainOf(html)).toContain('<h1>Search works</h1>');
    expect(mainOf(html)).toContain('How to search');
  });
});
