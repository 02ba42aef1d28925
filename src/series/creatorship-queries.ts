/**
 * SQL of series co-creator invitations, mirroring works' (works/creatorship-queries.ts): a row of someone
 * else's pseud is written with is_accepted = 0 and counts only once they accept; declining deletes it.
 */
import type { Db } from '../db/database.ts';

/** Invites these pseuds (not yet on the series); returns how many were newly invited. */
export async function inviteSeriesCreators(db: Db, seriesId: number, pseudIds: readonly number[]): Promise<number> {
  if (!pseudIds.length) return 0;
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('series_creators')
      .select(['pseud_id', 'position'])
      .where('series_id', '=', seriesId)
      .execute();
    const known = new Set(existing.map((r) => r.pseud_id));
    const fresh = [...new Set(pseudIds)].filter((id) => !known.has(id));
    if (!fresh.length) return 0;
    const start = Math.max(0, ...existing.map((r) => r.position)) + 1;
    await trx
      .insertInto('series_creators')
      .values(
        fresh.map((pseudId, i) => ({ series_id: seriesId, pseud_id: pseudId, is_accepted: 0, position: start + i })),
      )
      .execute();
    return fresh.length;
  });
}

/** A user's pending series invitations; only for one series when `seriesId` is given. */
export async function listPendingSeriesInvitations(db: Db, userId: number, seriesId?: number) {
  let query = db
    .selectFrom('series_creators')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .innerJoin('series', 'series.id', 'series_creators.series_id')
    .select(['series_creators.id', 'series_creators.series_id', 'series.title', 'pseuds.name as pseud_name'])
    .where('pseuds.user_id', '=', userId)
    .where('series_creators.is_accepted', '=', 0);
  if (seriesId !== undefined) query = query.where('series_creators.series_id', '=', seriesId);
  return query.orderBy('series_creators.series_id', 'desc').orderBy('series_creators.position').execute();
}

/** Pseuds invited to the series and not yet answering, for its edit page. */
export async function listInvitedPseudNames(db: Db, seriesId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('series_creators')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .select('pseuds.name')
    .where('series_creators.series_id', '=', seriesId)
    .where('series_creators.is_accepted', '=', 0)
    .orderBy('series_creators.position')
    .execute();
  return rows.map((r) => r.name);
}

const ownPseudIds = (db: Db, userId: number) => db.selectFrom('pseuds').select('id').where('user_id', '=', userId);

export async function acceptSeriesInvitations(db: Db, seriesId: number, userId: number): Promise<number> {
  const result = await db
    .updateTable('series_creators')
    .set({ is_accepted: 1 })
    .where('series_id', '=', seriesId)
    .where('is_accepted', '=', 0)
    .where('pseud_id', 'in', ownPseudIds(db, userId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function declineSeriesInvitations(db: Db, seriesId: number, userId: number): Promise<number> {
  const result = await db
    .deleteFrom('series_creators')
    .where('series_id', '=', seriesId)
    .where('is_accepted', '=', 0)
    .where('pseud_id', 'in', ownPseudIds(db, userId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
