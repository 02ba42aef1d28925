/**
 * Meta tags over more than one step, and meta tags on a canonical that has
 * synonyms: a wrangling action must re-derive every work whose filter tags
 * it changes — the works of sub tags two levels down, and the works tagged
 * with a synonym — so listings filtered on the meta tag find them.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { filterTagsOf, tagNamed, worksUnder } from '../../test/support/tags.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import { tagWorksPath } from '../tags/names.ts';
import { verifyFilterTags } from '../indexing/verify-filter-tags.ts';
import type { Actor } from './command.ts';
import { addMetaTag } from './link-commands.ts';
import { makeSynonym } from './synonym-command.ts';
import { createCanonicalTag, makeCanonical } from './status-commands.ts';

const actor: Actor = { userId: null, name: 'test wrangler' };

forEachDatabase('meta tag chains and synonyms', (t) => {
  const id = async (name: string) => (await tagNamed(t.db, name)).id;
  /** Ids of the works the /works listing finds when filtered on the tag, ascending. */
  const listedUnder = async (name: string) => {
    const { filters } = parseFilters(new URLSearchParams({ include: name }));
    const found = await findWorks(t.db, filters, { includeRestricted: true });
    return [...found.workIds].sort((a, b) => a - b);
  };
  const canonicals = (...names: string[]) =>
    Promise.all(names.map((name) => createCanonicalTag(t.db, actor, name, 'freeform')));

  it('files a work tagged A under C when A’s meta tag is B and B’s is C, linked after the work is posted', async () => {
    await canonicals('Sea Shanties', 'Sea Songs', 'Music');
    const workId = await makeWork(t.db, await makeUser(t.db), { freeforms: ['Sea Shanties'] });
    await addMetaTag(t.db, actor, await id('Sea Shanties'), await id('Sea Songs'));
    await addMetaTag(t.db, actor, await id('Sea Songs'), await id('Music'));

    expect(await filterTagsOf(t.db, workId)).toEqual(expect.arrayContaining(['Music', 'Sea Shanties', 'Sea Songs']));
    expect(await worksUnder(t.db, 'Music')).toEqual([workId]);
    expect(await listedUnder('Music')).toEqual([workId]);
    const page = await new Browser(makeTestApp(t.db)).page(tagWorksPath('Music'));
    expect(page).toContain(`href="/works/${workId}"`);
  });

  it('files a work posted under A beneath C when the chain was linked first (top link first)', async () => {
    await canonicals('Lighthouse Keepers', 'Coastal Jobs', 'Work Life');
    await addMetaTag(t.db, actor, await id('Coastal Jobs'), await id('Work Life'));
    await addMetaTag(t.db, actor, await id('Lighthouse Keepers'), await id('Coastal Jobs'));
    const workId = await makeWork(t.db, await makeUser(t.db), { freeforms: ['lighthouse keepers'] });
    expect(await worksUnder(t.db, 'Work Life')).toEqual([workId]);
    expect(await listedUnder('Work Life')).toEqual([workId]);
  });

  it('re-derives a canonical’s own works and its synonym’s when the canonical gains a meta tag', async () => {
    const user = await makeUser(t.db);
    await canonicals('Tide Pools', 'Seashore');
    const ownWork = await makeWork(t.db, user, { freeforms: ['Tide Pools'] });
    const synonymWork = await makeWork(t.db, user, { freeforms: ['rockpools'] });
    await makeSynonym(t.db, actor, await id('rockpools'), await id('Tide Pools'));
    expect(await worksUnder(t.db, 'Tide Pools')).toEqual([ownWork, synonymWork]);
    expect(await worksUnder(t.db, 'Seashore')).toEqual([]);

    await addMetaTag(t.db, actor, await id('Tide Pools'), await id('Seashore'));
    expect(await worksUnder(t.db, 'Seashore')).toEqual([ownWork, synonymWork]);
    expect(await listedUnder('Seashore')).toEqual([ownWork, synonymWork]);
    // Filtering on the synonym's spelling means its canonical, so it finds both as well.
    expect(await listedUnder('rockpools')).toEqual([ownWork, synonymWork]);
  });

  it('re-derives the works two levels down and through a synonym when the top of a chain gains a meta tag', async () => {
    const user = await makeUser(t.db);
    await canonicals('Sea Glass', 'Beachcombing', 'Collecting', 'Hobbies');
    await addMetaTag(t.db, actor, await id('Sea Glass'), await id('Beachcombing'));
    await addMetaTag(t.db, actor, await id('Beachcombing'), await id('Collecting'));
    const direct = await makeWork(t.db, user, { freeforms: ['Sea Glass'] });
    const bySynonym = await makeWork(t.db, user, { freeforms: ['mermaid tears'] });
    await makeCanonical(t.db, actor, await id('mermaid tears'));
    await makeSynonym(t.db, actor, await id('mermaid tears'), await id('Sea Glass'));
    expect(await worksUnder(t.db, 'Collecting')).toEqual([direct, bySynonym]);

    await addMetaTag(t.db, actor, await id('Collecting'), await id('Hobbies'));
    expect(await worksUnder(t.db, 'Hobbies')).toEqual([direct, bySynonym]);
    expect(await listedUnder('Hobbies')).toEqual([direct, bySynonym]);
  });

  it('leaves no drift', async () => {
    expect((await verifyFilterTags(t.db)).drift).toEqual([]);
  });
});
