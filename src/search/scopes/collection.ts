/**
 * A collection's works (src/collections): the works approved into any of the collections given — a collection
 * and its subcollections, so a parent's listing includes its children's works.
 */
import { approvedInCollectionIds, isInCollections } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

export const collectionScope = defineScope({
  key: 'collectionIds',
  condition: (eb, collectionIds: readonly number[]) => isInCollections(eb, collectionIds),
  // From the database each time: an item approved a moment ago is listed at once.
  candidates: async (db, collectionIds) => ({ ids: sortedIds(await approvedInCollectionIds(db, collectionIds)) }),
  includes: (s, collectionIds) => (w) => collectionIds.some((id) => s.collectionWorks.get(id)?.has(w.id) ?? false),
});
