/**
 * A collection's works (src/collections): the works approved into any of the collections given — a collection
 * and its subcollections, so a parent's listing includes its children's works. The in-memory index keeps each
 * set of collections' works between requests and checks only their items versions (raised by the database with
 * every change to their items, migration 0059), so an item approved a moment ago is listed at once and a large
 * collection's page does not read every one of its items again.
 */
import type { Db } from '../../db/database.ts';
import { approvedInCollectionIds, collectionItemVersions, isInCollections } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

/** Sets of collections whose works are kept, per database handle; the least recently used go first. */
const KEPT = 64;
const kept = new WeakMap<Db, Map<string, { versions: string; ids: Int32Array }>>();

async function approvedWorks(db: Db, collectionIds: readonly number[]): Promise<Int32Array> {
  const key = [...collectionIds].sort((a, b) => a - b).join(',');
  // The versions first: an item changed while the ids are read leaves them newer than the versions, never older.
  const versionOf = await collectionItemVersions(db, collectionIds);
  const versions = key
    .split(',')
    .map((id) => versionOf.get(Number(id)) ?? -1)
    .join(',');
  const cache = kept.get(db) ?? new Map<string, { versions: string; ids: Int32Array }>();
  kept.set(db, cache);
  const found = cache.get(key);
  cache.delete(key);
  if (found?.versions === versions) {
    cache.set(key, found);
    return found.ids;
  }
  const ids = sortedIds(await approvedInCollectionIds(db, collectionIds));
  cache.set(key, { versions, ids });
  if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return ids;
}

export const collectionScope = defineScope({
  key: 'collectionIds',
  condition: (eb, collectionIds: readonly number[]) => isInCollections(eb, collectionIds),
  candidates: async (db, collectionIds) => ({ ids: await approvedWorks(db, collectionIds) }),
  includes: (s, collectionIds) => (w) => collectionIds.some((id) => s.collectionWorks.get(id)?.has(w.id) ?? false),
});
