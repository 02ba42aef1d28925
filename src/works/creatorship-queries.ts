/**
 * SQL of co-creator invitations: a creatorship of someone else's pseud is
 * written with is_accepted = 0 and only counts (shows, may edit) once that
 * person accepts; declining removes it.
 */
import type { Db } from '../db/database.ts';

/** A user's pending invitations, newest work first; only for one work when `workId` is given. */
export async function listPendingInvitations(db: Db, userId: number, workId?: number) {
  let query = db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('works', 'works.id', 'creatorships.work_id')
    .select(['creatorships.id', 'creatorships.work_id', 'works.title', 'pseuds.name as pseud_name'])
    .where('pseuds.user_id', '=', userId)
    .where('creatorships.is_accepted', '=', 0);
  if (workId !== undefined) query = query.where('creatorships.work_id', '=', workId);
  return query.orderBy('creatorships.work_id', 'desc').orderBy('creatorships.position').execute();
}

/** The names of a work's accepted creators (who did the inviting). */
export async function listAcceptedCreatorNames(db: Db, workId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('creatorships')
    .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['pseuds.name', 'creatorships.external_name'])
    .where('creatorships.work_id', '=', workId)
    .where('creatorships.is_accepted', '=', 1)
    .orderBy('creatorships.position')
    .execute();
  return rows.map((r) => r.name ?? r.external_name ?? '').filter(Boolean);
}

const ownPseudIds = (db: Db, userId: number) => db.selectFrom('pseuds').select('id').where('user_id', '=', userId);

export async function acceptInvitations(db: Db, workId: number, userId: number): Promise<number> {
  const result = await db
    .updateTable('creatorships')
    .set({ is_accepted: 1 })
    .where('work_id', '=', workId)
    .where('is_accepted', '=', 0)
    .where('pseud_id', 'in', ownPseudIds(db, userId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function declineInvitations(db: Db, workId: number, userId: number): Promise<number> {
  const result = await db
    .deleteFrom('creatorships')
    .where('work_id', '=', workId)
    .where('is_accepted', '=', 0)
    .where('pseud_id', 'in', ownPseudIds(db, userId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
