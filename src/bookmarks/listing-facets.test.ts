/**
 * The item-tag facet shows only the most counted tags (FACET_SIZE of them, most bookmarks first, then by
 * name): the query names only the tags that can reach that cut, so the cut and its ties are checked here
 * against counting every bookmark by hand — and ratings, warnings and categories never take a place.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { GUEST_AUDIENCE } from '../visibility/index.ts';
import { countBookmarkFacets, NO_FILTERS } from './listing-queries.ts';
import { insertBookmark } from './queries.ts';

/** Freeform names that sort the same under every collation (lowercase letters only). */
const TREES = ['alder', 'birch', 'cedar', 'elm', 'fir', 'hazel', 'larch', 'maple', 'oak', 'pine', 'rowan', 'spruce'];
const MORE = ['walnut', 'willow', 'yew'];

forEachDatabase('bookmark facet cut', (t) => {
  it('keeps the most bookmarked tags, ties at the cut broken by name, and no rating, warning or category', async () => {
    const writer = await makeUser(t.db);
    const readers = [];
    for (let i = 0; i < 4; i++) readers.push(await makeUser(t.db));
    // Work i carries tree i; the first works are bookmarked by more readers. The last five tie at one bookmark.
    const names = [...TREES, ...MORE];
    const bookmarkersOf = [4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1];
    for (const [i, tree] of names.entries()) {
      const workId = await makeWork(t.db, writer, {
        title: `Grove ${i}`,
        fandoms: ['Harbour Tales'],
        freeforms: [tree],
      });
      for (const reader of readers.slice(0, bookmarkersOf[i])) {
        const pseud = await findDefaultPseud(t.db, reader.id);
        await insertBookmark(t.db, {
          item: { kind: 'work', id: workId },
          pseudId: pseud.id,
          userId: reader.id,
          notes: '',
          isRec: false,
          isPrivate: false,
          tags: [],
        });
      }
    }
    // Wrangled, the tags become filter tags of their works (what the facet counts).
    await t.db
      .updateTable('tags')
      .set({ is_canonical: 1 })
      .where('name', 'in', [...names, 'Harbour Tales'])
      .execute();
    const works = await t.db.selectFrom('works').select('id').execute();
    await rederiveWorkFilterTags(
      t.db,
      works.map((w) => w.id),
    );
    const facets = await countBookmarkFacets(t.db, {
      scope: {},
      filters: NO_FILTERS,
      audience: GUEST_AUDIENCE,
      isOwner: false,
      hides: null,
    });
    const total = bookmarkersOf.reduce((a, b) => a + b, 0);
    expect(facets.total).toBe(total);
    const byHand = [
      { label: 'Harbour Tales', count: total },
      ...names.map((label, i) => ({ label, count: bookmarkersOf[i] })),
    ].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
    // The fandom, ten trees, and of the five trees with one bookmark only "rowan" (the first by name).
    expect(facets.itemTags.map((f) => ({ label: f.label, count: f.count }))).toEqual(byHand.slice(0, 12));
    expect(facets.itemTags.map((f) => f.label)).toContain('rowan');
    expect(facets.itemTags.map((f) => f.label)).not.toContain('spruce');
    expect(facets.ratings).toEqual([{ value: 'General Audiences', label: 'General Audiences', count: total }]);
  });
});
