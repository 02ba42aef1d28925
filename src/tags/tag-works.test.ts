import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeWork } from '../../test/support/factories.ts';
import {
  hideWork,
  makeCast,
  makeMatrixWorks,
  mainOf,
  type Cast,
  type MatrixWorks,
} from '../works/reading.test-helper.ts';
import { tagNameFromSlug, tagSlug, tagWorksPath } from './names.ts';

forEachDatabase("a tag's works", (t) => {
  let cast: Cast;

  beforeAll(async () => {
    cast = await makeCast(t.db);
  });

  it('finds a relationship tag at its AO3-style escaped address', async () => {
    const id = await makeWork(t.db, cast.creatorUser, {
      title: "The Bishop's Candlesticks, Retold",
      relationships: ['Javert/Jean Valjean'],
    });
    expect(tagWorksPath('Javert/Jean Valjean')).toBe('/tags/Javert*s*Jean%20Valjean/works');
    const html = mainOf(await cast.guest.page('/tags/Javert*s*Jean%20Valjean/works'));
    expect(html).toContain('<h1>Works in Javert/Jean Valjean</h1>');
    expect(html).toContain(`href="/works/${id}"`);
    // The work page links the tag to the same address.
    expect(await cast.guest.page(`/works/${id}`)).toContain('href="/tags/Javert*s*Jean%20Valjean/works"');
  });

  it('round-trips names holding / & . ? # through the slug and back to the same listing', async () => {
    const names = ['Ada & Bea', 'Dr. Lantern?', 'C# Harbour Pilots', 'Mx. Q & A/B? #1 Fan', 'lantern.keeper'];
    for (const name of names) {
      const title = `Escapes ${name.length} ${Math.random().toString(36).slice(2, 7)}`;
      await makeWork(t.db, cast.creatorUser, { title, freeforms: [name] });
      const path = tagWorksPath(name);
      expect(path, name).not.toMatch(/[&?#]|\/\.|\.\//);
      expect(tagNameFromSlug(decodeURIComponent(tagSlug(name)))).toBe(name);
      const html = mainOf(await cast.guest.page(path));
      expect(html, name).toContain(title);
    }
  });

  it('answers 404 for a tag that does not exist', async () => {
    const response = await cast.guest.get('/tags/No*s*Such%20Tag/works');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Tag not found');
  });

  it('lists only works a viewer may see: no drafts or hidden works, restricted ones to logged-in readers', async () => {
    const fandom = 'Matrix Harbour';
    const works: MatrixWorks = await makeMatrixWorks(t.db, cast.creatorUser, { fandoms: [fandom] });
    const hidden = await makeWork(t.db, cast.creatorUser, { title: 'Hidden Matrix Tale', fandoms: [fandom] });
    await hideWork(t.db, hidden);
    for (const role of ['guest', 'other', 'creator', 'admin'] as const) {
      const html = mainOf(await cast[role].page(tagWorksPath(fandom)));
      expect(html, role).toContain(works.posted.title);
      expect(html, role).not.toContain(works.draft.title);
      expect(html, role).not.toContain('Hidden Matrix Tale');
      if (role === 'guest') expect(html).not.toContain(works.restricted.title);
      else expect(html, role).toContain(works.restricted.title);
    }
  });

  it('lists works by rating, a column rather than a tagging', async () => {
    const explicit = await makeWork(t.db, cast.creatorUser, { title: 'Rated by the Tide', rating: 'Explicit' });
    const general = await makeWork(t.db, cast.creatorUser, {
      title: 'Rated for Everyone',
      rating: 'General Audiences',
    });
    const html = mainOf(await cast.guest.page('/tags/Explicit/works'));
    expect(html).toContain(`href="/works/${explicit}"`);
    expect(html).not.toContain(`href="/works/${general}"`);
  });

  it("pages a tag's works 20 at a time", async () => {
    const tag = 'Twenty One Lanterns';
    for (let i = 0; i < 21; i++) await makeWork(t.db, cast.creatorUser, { freeforms: [tag] });
    const first = mainOf(await cast.guest.page(tagWorksPath(tag)));
    expect(first).toContain('1 – 20 of 21 Works');
    expect(first).toContain(`<a rel="next" href="${tagWorksPath(tag)}?page=2">`);
    const second = mainOf(await cast.guest.page(`${tagWorksPath(tag)}?page=2`));
    expect(second).toContain('21 – 21 of 21 Works');
    expect([...second.matchAll(/<li class="blurb"/g)]).toHaveLength(1);
  });
});
