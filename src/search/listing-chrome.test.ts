import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { mainOf } from '../works/reading.test-helper.ts';

forEachDatabase('finding your way around a listing', (t) => {
  let guest: Browser;

  beforeAll(async () => {
    const user = await makeUser(t.db);
    for (const title of ['Kestrel Morning', 'Kestrel Evening', 'Heron Noon']) await makeWork(t.db, user, { title });
    guest = new Browser(makeTestApp(t.db));
  });

  it('puts a Filters link to the sidebar above the first blurb', async () => {
    const html = mainOf(await guest.page('/works'));
    const control = html.indexOf('<a href="#filter-heading">Filters</a>');
    expect(control).toBeGreaterThan(0);
    expect(control).toBeLessThan(html.indexOf('class="blurb"'));
    expect(html).toContain('id="filter-heading"');
  });

  it('shows the query of a search in one box only', async () => {
    const html = await guest.page('/works/search?q=kestrel');
    expect(html.match(/name="q" type="search" value="kestrel"/g)).toHaveLength(1);
    // The filter form still carries the query, so filtering keeps the search.
    expect(html).toContain('<input type="hidden" name="q" value="kestrel"/>');
    expect(mainOf(html)).toContain('Kestrel Morning');
    expect(mainOf(html)).not.toContain('Heron Noon');
  });

  it('says a page past the end is past it, and links to the last page', async () => {
    const html = mainOf(await guest.page('/works?page=999'));
    expect(html).toContain('this page is past the last one.');
    expect(html).toContain('There is only 1 page.');
    expect(html).toMatch(/<a href="\/works(\?page=1)?">Go to the last page \(page 1\)<\/a>/);
  });

  it('answers a missing chapter with a page that says so', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user);
    const html = mainOf(await guest.page(`/works/${workId}/chapters/999999`, 404));
    expect(html).toContain('There is no chapter at this address.');
  });
});
