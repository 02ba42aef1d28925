/** Nominations' SQL: a nominator's own, the maintainers' review list, and status changes. */
import type { Db } from '../db/database.ts';
import type { NominationStatus, TagSetKind } from './tag-sets.table.ts';

export interface NominationView {
  id: number;
  userId: number;
  username: string;
  tagId: number;
  name: string;
  kind: TagSetKind;
  fandomId: number;
  /** The fandom's name for a character or relationship; empty for a fandom. */
  fandomName: string;
  status: NominationStatus;
}

function nominationsOf(db: Db, setId: number) {
  return db
    .selectFrom('tag_set_nominations as n')
    .innerJoin('tags as t', 't.id', 'n.tag_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('tags as f', 'f.id', 'n.fandom_id')
    .select(['n.id', 'n.user_id', 'u.username', 'n.tag_id', 't.name', 'n.kind', 'n.fandom_id', 'f.name as fandom_name'])
    .select('n.status')
    .where('n.tag_set_id', '=', setId);
}

type Raw = Awaited<ReturnType<ReturnType<typeof nominationsOf>['execute']>>[number];

function present(r: Raw): NominationView {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    tagId: r.tag_id,
    name: r.name,
    kind: r.kind,
    fandomId: r.fandom_id,
    fandomName: r.fandom_name ?? '',
    status: r.status,
  };
}

/** One person's nominations to a set, in the order they made them. */
export async function listOwnNominations(db: Db, setId: number, userId: number): Promise<NominationView[]> {
  return (await nominationsOf(db, setId).where('n.user_id', '=', userId).orderBy('n.id').execute()).map(present);
}

/** The nominations in one status, by kind, fandom and name. */
export async function listNominationsIn(db: Db, setId: number, status: NominationStatus): Promise<NominationView[]> {
  const rows = await nominationsOf(db, setId)
    .where('n.status', '=', status)
    .orderBy('n.kind')
    .orderBy('f.name')
    .orderBy('t.name')
    .orderBy('n.id')
    .limit(1000)
    .execute();
  return rows.map(present);
}

/** These nominations, only those of this set. */
export async function findNominations(db: Db, setId: number, ids: readonly number[]): Promise<NominationView[]> {
  if (!ids.length) return [];
  return (await nominationsOf(db, setId).where('n.id', 'in', ids).execute()).map(present);
}

export async function insertNomination(
  db: Db,
  row: { setId: number; userId: number; tagId: number; kind: TagSetKind; fandomId: number; status: NominationStatus },
): Promise<void> {
  await db
    .insertInto('tag_set_nominations')
    .values({
      tag_set_id: row.setId,
      user_id: row.userId,
      tag_id: row.tagId,
      kind: row.kind,
      fandom_id: row.fandomId,
      status: row.status,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['tag_set_id', 'user_id', 'tag_id', 'fandom_id']).doNothing())
    .execute();
}

export async function deleteNominations(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('tag_set_nominations').where('id', 'in', ids).execute();
}

export async function setNominationStatus(db: Db, ids: readonly number[], status: NominationStatus): Promise<void> {
  if (ids.length) await db.updateTable('tag_set_nominations').set({ status }).where('id', 'in', ids).execute();
}
