/**
 * SQL of a collection's items: the works in it (awaiting, approved, rejected, removed), a work's collections,
 * and the Mystery Works they count. Re-exported by queries.ts, the rest of the collections' SQL.
 */
import type { Db } from '../db/database.ts';
import { audienceOf, inWorkState, listedWorks, type WorkAudience } from '../visibility/index.ts';
import type { ItemStatus } from './collections.table.ts';

export async function findItem(db: Db, collectionId: number, workId: number) {
  return db
    .selectFrom('collection_items')
    .selectAll()
    .where('collection_id', '=', collectionId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
}

export async function findItemById(db: Db, id: number) {
  return db.selectFrom('collection_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function putItem(db: Db, collectionId: number, workId: number, status: ItemStatus, now: Date) {
  const at = now.toISOString();
  await db
    .insertInto('collection_items')
    .values({ collection_id: collectionId, work_id: workId, status, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['collection_id', 'work_id']).doUpdateSet({ status, updated_at: at }))
    .execute();
}

export async function setItemStatus(db: Db, itemIds: readonly number[], status: ItemStatus, now: Date) {
  if (!itemIds.length) return;
  await db
    .updateTable('collection_items')
    .set({ status, updated_at: now.toISOString() })
    .where('id', 'in', [...itemIds])
    .execute();
}

/** A collection's items of one status, with their works' titles (the maintainers' queue sees everything). */
export async function listItems(db: Db, collectionId: number, status: ItemStatus) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('works as w', 'w.id', 'ci.work_id')
    .select(['ci.id', 'ci.work_id', 'ci.status', 'ci.updated_at', 'w.title'])
    .where('ci.collection_id', '=', collectionId)
    .where('ci.status', '=', status)
    .where('w.deleted_at', 'is', null)
    .orderBy('ci.id')
    .execute();
}

/** Every item of one work, with its collection's short name (the post form's field). */
export async function listItemsOfWork(db: Db, workId: number) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .select(['ci.id', 'ci.work_id', 'ci.collection_id', 'ci.status', 'c.name'])
    .where('ci.work_id', '=', workId)
    .orderBy('c.name')
    .execute();
}

/** The collections a work is in (approved), for "Collections: …" on its page. */
export async function listCollectionsOfWork(db: Db, workId: number) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .select(['c.name', 'c.title', 'ci.status'])
    .where('ci.work_id', '=', workId)
    .orderBy('c.title')
    .execute();
}

/** Where a user's works wait or were asked in: awaiting a maintainer, or invited by one. */
export async function listPendingItemsOfUser(db: Db, userId: number) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .innerJoin('works as w', 'w.id', 'ci.work_id')
    .select(['ci.id', 'ci.status', 'ci.work_id', 'w.title as work_title', 'c.name', 'c.title'])
    .where('ci.status', 'in', ['awaiting', 'invited'])
    .where('w.deleted_at', 'is', null)
    .where((eb) =>
      eb(
        'ci.work_id',
        'in',
        eb
          .selectFrom('creatorships as cr')
          .innerJoin('pseuds as p', 'p.id', 'cr.pseud_id')
          .select('cr.work_id')
          .where('p.user_id', '=', userId)
          .where('cr.is_accepted', '=', 1),
      ),
    )
    .orderBy('ci.id')
    .execute();
}

export async function listWorkIdsInCollection(db: Db, collectionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('collection_items')
    .select('work_id')
    .where('collection_id', '=', collectionId)
    .execute();
  return rows.map((r) => r.work_id);
}

/** The approved works of these collections: the listing scope's candidates. */
export async function listApprovedWorkIds(db: Db, collectionIds: readonly number[]): Promise<number[]> {
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

/** How many approved works of the collection are unrevealed and so not listed: the page says only how many. */
/**
 * How many of the collections' approved works are Mystery Works to this audience: works it would see but for
 * their being unrevealed. Found from the few unrevealed works (a partial index, migration 0058), not by reading
 * every work of a large collection.
 */
export async function countMysteryWorks(
  db: Db,
  collectionIds: readonly number[],
  audience: WorkAudience,
): Promise<number> {
  if (!collectionIds.length) return 0;
  // Materialized, so both databases start from the partial index's few rows rather than the listing's index.
  const row = await db
    .with(
      (cte) => cte('unrevealed').materialized(),
      (q) =>
        q
          .selectFrom('works')
          .select('works.id')
          .where((eb) => inWorkState(eb, 'unrevealed')),
    )
    .selectFrom('unrevealed as u')
    .innerJoin('works as w', 'w.id', 'u.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => listedWorks(eb, { ...audienceOf(audience), includeUnrevealed: true }, 'w'))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('collection_items as ci')
          .select('ci.work_id')
          .whereRef('ci.work_id', '=', 'w.id')
          .where('ci.collection_id', 'in', [...collectionIds])
          .where('ci.status', '=', 'approved'),
      ),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
