import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { addMetaTag, attachParent } from '../wrangling/link-commands.ts';
import { setWranglerRole } from '../wrangling/queries.ts';
import { createCanonicalTag, makeCanonical } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { tagPath, tagWorksPath } from './names.ts';
import type { Suggestion } from './page-queries.ts';

forEachDatabase('tag pages', (t) => {
  const id = async (name: string) => (await tagNamed(t.db, name)).id;

  it('shows a tag: kind, status, synonyms, meta tags, parents, children and the works count', async () => {
    const user = await makeUser(t.db);
    await makeWork(t.db, user, { fandoms: [], relationships: ['Javert/Jean Valjean'] });
    await makeWork(t.db, user, { fandoms: [], relationships: ['valjean/javert'] });
    await createCanonicalTag(t.db, COMMAND_LINE, 'Les Misérables - Victor Hugo', 'fandom');
    await createCanonicalTag(t.db, COMMAND_LINE, 'Books & Literature', 'media');
    await attachParent(t.db, COMMAND_LINE, await id('Les Misérables - Victor Hugo'), await id('Books & Literature'));
    await makeCanonical(t.db, COMMAND_LINE, await id('Javert/Jean Valjean'));
    await makeSynonym(t.db, COMMAND_LINE, await id('valjean/javert'), await id('Javert/Jean Valjean'));
    await attachParent(t.db, COMMAND_LINE, await id('Javert/Jean Valjean'), await id('Les Misérables - Victor Hugo'));

    const browser = new Browser(makeTestApp(t.db));
    const html = await browser.page(tagPath('Javert/Jean Valjean'));
    expect(html).toContain('<h1>Javert/Jean Valjean</h1>');
    expect(html).toMatch(/<dt>Kind<\/dt><dd>Relationship<\/dd>/);
    expect(html).toMatch(/<dt>Status<\/dt><dd>Canonical<\/dd>/);
    expect(html).toContain('2 works</a>');
    expect(html).toContain('<h2>Synonyms</h2>');
    expect(html).toContain(`href="${tagPath('valjean/javert')}"`);
    expect(html).toContain('<h2>Parent Fandoms</h2>');
    expect(html).not.toContain('Wrangling log');

    const fandom = await browser.page(tagPath('Les Misérables - Victor Hugo'));
    expect(fandom).toContain('<h3>Relationships</h3>');
    expect(fandom).toContain('<h2>Parent Media</h2>');
    expect(fandom).toContain('2 works</a>');

    const synonym = await browser.page(tagPath('valjean/javert'));
    expect(synonym).toMatch(/Synonym\s*of <a href="[^"]+">Javert\/Jean Valjean<\/a>/);
  });

  it("redirects a synonym's works page to its canonical's, which lists works by synonym, sub tag and inferred fandom", async () => {
    const browser = new Browser(makeTestApp(t.db));
    const redirect = await browser.get(tagWorksPath('valjean/javert'));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(tagWorksPath('Javert/Jean Valjean'));
    const listing = await browser.page(tagWorksPath('Les Misérables - Victor Hugo'));
    expect(listing).toContain('1 – 2 of 2 Works');
  });

  it('shows wranglers the forms and the log, and says when a filter update is pending', async () => {
    const wrangler = await makeUser(t.db);
    await setWranglerRole(t.db, wrangler.id, true);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, { ...wrangler, is_wrangler: 1 });
    const html = await browser.page(tagPath('Javert/Jean Valjean'));
    expect(html).toContain('Wrangling log');
    expect(html).toContain('make canonical');
    expect(html).toContain('value="add_meta"');
    await t.db
      .insertInto('jobs')
      .values({
        kind: 'rederive-filter-tags',
        subject: `tag:${await id('Javert/Jean Valjean')}`,
        run_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await browser.page(tagPath('Javert/Jean Valjean'))).toContain('Filter update pending');
    expect(await browser.page(tagPath('valjean/javert'))).toContain('Filter update pending');
    await t.db.deleteFrom('jobs').execute();
  });

  it('autocompletes canonical tags first, then by uses, matching the start of any word, at most 10', async () => {
    const user = await makeUser(t.db);
    await makeWork(t.db, user, { characters: ['Javert (unwrangled)'] });
    await makeWork(t.db, user, { characters: ['Javert (unwrangled)'] });
    await makeWork(t.db, user, { characters: ['Inspector Javert'] });
    await makeWork(t.db, user, { characters: ['Javert'] });
    await makeCanonical(t.db, COMMAND_LINE, await id('Javert'));
    for (let i = 0; i < 12; i++) await createCanonicalTag(t.db, COMMAND_LINE, `Jav ${i}`, 'character');
    const browser = new Browser(makeTestApp(t.db));

    const response = await browser.get('/tags/autocomplete?kind=character&q=JAV');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const suggestions = (await response.json()) as Suggestion[];
    expect(suggestions).toHaveLength(10);
    expect(suggestions[0]).toEqual({ name: 'Javert', kind: 'character', canonical: true, uses: 1 });
    expect(suggestions.every((s) => s.canonical)).toBe(true);

    const words = (await (await browser.get('/tags/autocomplete?kind=character&q=javert')).json()) as Suggestion[];
    expect(words.map((s) => s.name)).toEqual(['Javert', 'Javert (unwrangled)', 'Inspector Javert']);
    expect(words.map((s) => s.uses)).toEqual([1, 2, 1]);
    const middle = (await (await browser.get('/tags/autocomplete?q=vert')).json()) as Suggestion[];
    expect(middle).toEqual([]);
    const relationship = (await (
      await browser.get('/tags/autocomplete?kind=relationship&q=jav')
    ).json()) as Suggestion[];
    expect(relationship.map((s) => s.name)).toEqual(['Javert/Jean Valjean', 'valjean/javert']);
    expect((await browser.get('/tags/autocomplete?kind=spaceship&q=a')).status).toBe(400);
  });

  it('lists fandoms by media, alphabetically grouped, with work counts', async () => {
    const user = await makeUser(t.db);
    await makeWork(t.db, user, { fandoms: ['Persuasion - Jane Austen'] });
    await makeCanonical(t.db, COMMAND_LINE, await id('Persuasion - Jane Austen'));
    await attachParent(t.db, COMMAND_LINE, await id('Persuasion - Jane Austen'), await id('Books & Literature'));
    await createCanonicalTag(t.db, COMMAND_LINE, 'Émile Zola - Works', 'fandom');
    await addMetaTag(t.db, COMMAND_LINE, await id('Jav 1'), await id('Jav 2'));
    const browser = new Browser(makeTestApp(t.db));
    const media = await browser.page('/media');
    expect(media).toContain('>Books &amp; Literature</a> (2 fandoms)');
    expect(media).toContain('>Uncategorized Fandoms</a> (1 fandom)');
    const books = await browser.page('/media/Books%20*a*%20Literature/fandoms');
    expect(books).toContain('<h1>Books &amp; Literature Fandoms</h1>');
    expect(books).toMatch(
      /<h2>L<\/h2><ul class="fandom-list"><li><a href="[^"]+">Les Misérables - Victor Hugo<\/a> \(2\)/,
    );
    expect(books).toMatch(/<h2>P<\/h2><ul class="fandom-list"><li><a href="[^"]+">Persuasion - Jane Austen<\/a> \(1\)/);
    const uncategorized = await browser.page('/media/Uncategorized%20Fandoms/fandoms');
    expect(uncategorized).toMatch(/<h2>E<\/h2>.*Émile Zola - Works<\/a> \(0\)/s);
    await browser.page('/media/Nothing/fandoms', 404);
  });
});
