/**
 * SQL of the listing scopes (scope.ts): the conditions each scope adds to a
 * listing query. Tag conditions are shared with the include filters.
 */
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TagMatch } from '../queries.ts';
import type { ListingEb } from './scope.ts';

function tagSource(tag: Pick<TagMatch, 'through'>) {
  return tag.through === 'filter_tags' ? 'filter_taggings' : 'taggings';
}

/** The work carries the tag: through the filter tags for a canonical tag, as typed for an unwrangled one. */
export function hasTag(eb: ListingEb, tag: Pick<TagMatch, 'tagId' | 'through'>): Expression<SqlBool> {
  return eb('w.id', 'in', eb.selectFrom(tagSource(tag)).select('work_id').where('tag_id', '=', tag.tagId));
}

export function hasRating(eb: ListingEb, rating: string): Expression<SqlBool> {
  return eb('w.rating', '=', rating);
}

/** Works the account left kudos on. */
export function hasKudosFrom(eb: ListingEb, userId: number): Expression<SqlBool> {
  return eb('w.id', 'in', eb.selectFrom('kudos').select('work_id').where('user_id', '=', userId));
}

/** The id of the kudos the account left on the work (ids grow with time): the kudos history's sort. */
export function kudosIdFrom(eb: ListingEb, userId: number): Expression<number | null> {
  return eb
    .selectFrom('kudos')
    .select('kudos.id')
    .whereRef('kudos.work_id', '=', 'w.id')
    .where('kudos.user_id', '=', userId)
    .$asScalar();
}

/** Works on one of a member's readings lists (scopes/readings.ts). */
export function isInReadings(eb: ListingEb, userId: number, list: string): Expression<SqlBool> {
  return eb(
    'w.id',
    'in',
    eb
      .selectFrom('readings')
      .select('work_id')
      .where('user_id', '=', userId)
      .where((r) =>
        list === 'history'
          ? r('visited_at', 'is not', null)
          : list === 'to-read'
            ? r('is_marked_for_later', '=', 1)
            : r('status', '=', list as never),
      ),
  );
}

/** When the work got onto the member's readings list (last visit, mark for later, status): that list's sort. */
export function readingsDateOf(eb: ListingEb, userId: number, list: string): Expression<string | null> {
  const column = list === 'history' ? 'visited_at' : list === 'to-read' ? 'marked_at' : 'status_updated_at';
  return eb
    .selectFrom('readings')
    .select(`readings.${column}`)
    .whereRef('readings.work_id', '=', 'w.id')
    .where('readings.user_id', '=', userId)
    .$asScalar() as Expression<string | null>;
}

/** An accepted creatorship of one of the pseuds. */
export function isByPseuds(eb: ListingEb, pseudIds: readonly number[]): Expression<SqlBool> {
  const ids = pseudIds.length ? [...pseudIds] : [-1];
  return eb(
    'w.id',
    'in',
    eb.selectFrom('creatorships').select('work_id').where('pseud_id', 'in', ids).where('is_accepted', '=', 1),
  );
}

/** Approved into one of the collections (src/collections: an item waiting, rejected or removed is not in it). */
export function isInCollections(eb: ListingEb, collectionIds: readonly number[]): Expression<SqlBool> {
  const ids = collectionIds.length ? [...collectionIds] : [-1];
  return eb(
    'w.id',
    'in',
    eb
      .selectFrom('collection_items')
      .select('work_id')
      .where('collection_id', 'in', ids)
      .where('status', '=', 'approved'),
  );
}

/** Each collection's items version (migration 0059), raised by the database with every change to its items. */
export async function collectionItemVersions(db: Db, collectionIds: readonly number[]): Promise<Map<number, number>> {
  if (!collectionIds.length) return new Map();
  const rows = await db
    .selectFrom('collections')
    .select(['id', 'items_version'])
    .where('id', 'in', [...collectionIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.items_version]));
}

/** The same, as ids for the in-memory index. */
export async function approvedInCollectionIds(db: Db, collectionIds: readonly number[]): Promise<number[]> {
  if (!collectionIds.length) return [];
  const rows = await db
    .selectFrom('collection_items')
    .select('work_id')
    .distinct()
    .where('collection_id', 'in', [...collectionIds])
    .where('status', '=', 'approved')
    .execute();
  return rows.map((r) => r.work_id);
}
