/**
 * SQL of re-crediting a person's part of works and series: to the archive's
 * orphan account (orphaning) or to another of their own pseuds (deleting a
 * pseud and moving its works). Only the given pseuds' creatorships move, so
 * a co-created work keeps its other creators. A pseud that ends up credited
 * twice on one work or series keeps one row.
 */
import type { Db } from '../db/database.ts';
import { queryInChunks } from '../db/chunks.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { ORPHAN_USERNAME } from '../accounts/orphan-account.ts';

export interface OrphanAccount {
  userId: number;
  defaultPseudId: number;
}

export async function findOrphanAccount(db: Db): Promise<OrphanAccount> {
  const row = await db
    .selectFrom('users')
    .innerJoin('pseuds', 'pseuds.user_id', 'users.id')
    .select(['users.id as user_id', 'pseuds.id as pseud_id'])
    .where('users.username', '=', ORPHAN_USERNAME)
    .where('pseuds.is_default', '=', 1)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, defaultPseudId: row.pseud_id };
}

/** The orphan account's pseud of this name ("orphan_account (NAME)"), made when first needed. */
export async function orphanPseudNamed(db: Db, orphan: OrphanAccount, name: string): Promise<number> {
  if (name === ORPHAN_USERNAME) return orphan.defaultPseudId;
  const found = await db
    .selectFrom('pseuds')
    .select('id')
    .where('user_id', '=', orphan.userId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return found.id;
  const made = await db
    .insertInto('pseuds')
    .values({ user_id: orphan.userId, name, is_default: 0, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return made.id;
}

/** The user's creatorships (with the pseud's name) on these works, or on every work of these pseuds. */
export async function findCreatorshipsOf(
  db: Db,
  userId: number,
  where: { workIds?: readonly number[]; pseudIds?: readonly number[] },
) {
  let query = db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['creatorships.id', 'creatorships.work_id', 'creatorships.pseud_id', 'pseuds.name'])
    .where('pseuds.user_id', '=', userId);
  if (where.workIds) query = query.where('creatorships.work_id', 'in', where.workIds.length ? where.workIds : [0]);
  if (where.pseudIds) query = query.where('creatorships.pseud_id', 'in', where.pseudIds.length ? where.pseudIds : [0]);
  return query.execute();
}

/** The user's series-creator rows (with the pseud's name) on these series, or of these pseuds. */
export async function findSeriesCreatorsOf(
  db: Db,
  userId: number,
  where: { seriesIds?: readonly number[]; pseudIds?: readonly number[] },
) {
  let query = db
    .selectFrom('series_creators')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .select(['series_creators.id', 'series_creators.series_id', 'series_creators.pseud_id', 'pseuds.name'])
    .where('pseuds.user_id', '=', userId);
  if (where.seriesIds)
    query = query.where('series_creators.series_id', 'in', where.seriesIds.length ? where.seriesIds : [0]);
  if (where.pseudIds)
    query = query.where('series_creators.pseud_id', 'in', where.pseudIds.length ? where.pseudIds : [0]);
  return query.execute();
}

/** The works of these series (their order does not matter here). */
export async function findSeriesWorkIds(db: Db, seriesIds: readonly number[]): Promise<number[]> {
  if (!seriesIds.length) return [];
  const rows = await db.selectFrom('series_works').select('work_id').where('series_id', 'in', seriesIds).execute();
  return rows.map((row) => row.work_id);
}

/** Credits one creatorship to another pseud; drops it instead when that pseud is already credited on the work. */
export async function moveCreatorship(db: Db, creatorship: { id: number; work_id: number }, pseudId: number) {
  const already = await db
    .selectFrom('creatorships')
    .select('id')
    .where('work_id', '=', creatorship.work_id)
    .where('pseud_id', '=', pseudId)
    .where('id', '!=', creatorship.id)
    .executeTakeFirst();
  if (already) await db.deleteFrom('creatorships').where('id', '=', creatorship.id).execute();
  else
    await db
      .updateTable('creatorships')
      .set({ pseud_id: pseudId, is_accepted: 1 })
      .where('id', '=', creatorship.id)
      .execute();
}

export async function moveSeriesCreator(db: Db, row: { id: number; series_id: number }, pseudId: number) {
  const already = await db
    .selectFrom('series_creators')
    .select('id')
    .where('series_id', '=', row.series_id)
    .where('pseud_id', '=', pseudId)
    .where('id', '!=', row.id)
    .executeTakeFirst();
  if (already) await db.deleteFrom('series_creators').where('id', '=', row.id).execute();
  else
    await db
      .updateTable('series_creators')
      .set({ pseud_id: pseudId, is_accepted: 1 })
      .where('id', '=', row.id)
      .execute();
}

/** The byline changed: mark the works revised (downloads rebuild, listings catch up) and reindex them. */
export async function bylineChanged(db: Db, workIds: readonly number[]): Promise<void> {
  const ids = [...new Set(workIds)];
  if (!ids.length) return;
  const now = new Date().toISOString();
  await queryInChunks(ids, async (batch) => {
    await db.updateTable('works').set({ revised_at: now }).where('id', 'in', batch).execute();
    return [];
  });
  await reindexWorks(db, ids);
}

/** Before a pseud is deleted: its bookmarks, comments and gifts move to another of the person's pseuds. */
export async function movePseudBelongings(db: Db, fromPseudId: number, toPseudId: number): Promise<void> {
  await db.updateTable('bookmarks').set({ pseud_id: toPseudId }).where('pseud_id', '=', fromPseudId).execute();
  await db.updateTable('comments').set({ pseud_id: toPseudId }).where('pseud_id', '=', fromPseudId).execute();
  await db
    .updateTable('gifts')
    .set({ recipient_pseud_id: toPseudId })
    .where('recipient_pseud_id', '=', fromPseudId)
    .execute();
}

export async function deletePseudRow(db: Db, pseudId: number): Promise<void> {
  await db.deleteFrom('pseuds').where('id', '=', pseudId).execute();
}

/** What a person may choose to orphan: their works (drafts too), series and pseuds. */
export async function listOrphanables(db: Db, userId: number) {
  const works = await db
    .selectFrom('works')
    .innerJoin('creatorships', 'creatorships.work_id', 'works.id')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['works.id', 'works.title'])
    .distinct()
    .where('pseuds.user_id', '=', userId)
    .where('works.deleted_at', 'is', null)
    .orderBy('works.title')
    .execute();
  const series = await db
    .selectFrom('series')
    .innerJoin('series_creators', 'series_creators.series_id', 'series.id')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .select(['series.id', 'series.title'])
    .distinct()
    .where('pseuds.user_id', '=', userId)
    .orderBy('series.title')
    .execute();
  return { works, series };
}

/** Each work the user is credited on, and whether anyone else (another account, an imported name) is too. */
export async function findCreditedWorks(db: Db, userId: number) {
  const mine = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('creatorships.work_id')
    .distinct()
    .where('pseuds.user_id', '=', userId)
    .execute();
  const workIds = mine.map((row) => row.work_id);
  if (!workIds.length) return [];
  const shared = await queryInChunks(workIds, (batch) =>
    db
      .selectFrom('creatorships')
      .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('creatorships.work_id')
      .distinct()
      .where('creatorships.work_id', 'in', batch)
      .where((eb) => eb.or([eb('pseuds.user_id', 'is', null), eb('pseuds.user_id', '!=', userId)]))
      .execute(),
  );
  const sharedIds = new Set(shared.map((row) => row.work_id));
  return workIds.map((workId) => ({ workId, isShared: sharedIds.has(workId) }));
}

/** What deleting an account checks first: that it exists, is not the orphan account, and its roles. */
export async function findAccountToDelete(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'is_admin', 'is_moderator'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function deleteCreatorshipsOf(db: Db, userId: number): Promise<void> {
  const pseudIds = db.selectFrom('pseuds').select('id').where('user_id', '=', userId);
  await db.deleteFrom('creatorships').where('pseud_id', 'in', pseudIds).execute();
}

/**
 * What of a deleted account stays elsewhere, unnamed: its comments keep their text and read "(Account
 * deleted)"; gifts given to it go, and so do others' subscriptions to it as a creator (they name it by
 * id, with no foreign key to do it). The account's own rows (sessions, tokens, pseuds, bookmarks,
 * subscriptions, history, blocks…) go with the users row through their foreign keys.
 */
export async function forgetAccount(db: Db, userId: number): Promise<void> {
  const pseudIds = db.selectFrom('pseuds').select('id').where('user_id', '=', userId);
  await db.deleteFrom('gifts').where('recipient_pseud_id', 'in', pseudIds).execute();
  await db.deleteFrom('subscriptions').where('kind', '=', 'creator').where('target_id', '=', userId).execute();
  await db.updateTable('comments').set({ user_id: null, pseud_id: null }).where('user_id', '=', userId).execute();
  await db.deleteFrom('users').where('id', '=', userId).execute();
}
