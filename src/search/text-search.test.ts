/**
 * Words and phrases of the search box against each field of a work, on both
 * databases: a word is found in any field, all words must match, a phrase
 * must stand in one field (never run from the end of one into the start of
 * the next), and `-word` leaves works out.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { findWorks } from './find-works.ts';
import { parseFilters } from './form.ts';

forEachDatabase('searching the text of works', (t) => {
  let ferry: number;
  let moon: number;
  let orchard: number;

  async function search(q: string): Promise<number[]> {
    const { filters } = parseFilters(new URLSearchParams({ q, sort: 'posted', order: 'asc' }));
    const found = await findWorks(t.db, filters, { includeRestricted: true });
    return [...found.workIds].sort((a, b) => a - b);
  }

  it('finds words anywhere, needs every word, keeps a phrase inside one field, and leaves out -words', async () => {
    const user = await makeUser(t.db);
    ferry = await makeWork(t.db, user, {
      title: 'Silver Ferry',
      summary: 'Harbour lights at dusk.',
      chapters: [chapter('<p>Tide turned while the bell rang twice.</p>')],
    });
    moon = await makeWork(t.db, user, {
      title: 'Moon Over Water',
      summary: 'A silver ring is lost.',
      chapters: [chapter('<p>Nobody rang the bell that night.</p>')],
    });
    orchard = await makeWork(t.db, user, {
      title: 'The Orchard Gate',
      summary: 'Apples, mostly.',
      chapters: [chapter('<p>Ferry timetables pinned to the gate.</p>')],
    });

    expect(await search('tide')).toEqual([ferry]);
    expect(await search('silver')).toEqual([ferry, moon]);
    expect(await search('ferry')).toEqual([ferry, orchard]);
    expect(await search('silver bell')).toEqual([ferry, moon]);
    expect(await search('silver tide')).toEqual([ferry]);
    expect(await search('"silver ferry"')).toEqual([ferry]);
    expect(await search('"bell rang"')).toEqual([ferry]);
    // "Dusk" ends the summary and "Tide" starts the text: next to each other, but not a phrase.
    expect(await search('"dusk tide"')).toEqual([]);
    expect(await search('"lights at dusk"')).toEqual([ferry]);
    expect(await search('silver -tide')).toEqual([moon]);
    expect(await search('bell -"silver ferry"')).toEqual([moon]);
    expect(await search('title:ferry')).toEqual([ferry]);
  });
});
