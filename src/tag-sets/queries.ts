/**
 * Tag sets' SQL: the set itself, its maintainers, its tags by kind and the
 * fandoms its characters and relationships are associated to. Nominations
 * have their own file (`nomination-queries.ts`).
 */
import type { Db } from '../db/database.ts';
import type { TagSetKind, TagSetRow } from './tag-sets.table.ts';

export interface TagSetValues {
  title: string;
  description: string;
  isVisible: boolean;
  isUsable: boolean;
  areNominationsOpen: boolean;
  fandomLimit: number;
  characterLimit: number;
  relationshipLimit: number;
}

function columnsOf(values: TagSetValues) {
  return {
    title: values.title,
    description: values.description,
    is_visible: values.isVisible ? 1 : 0,
    is_usable: values.isUsable ? 1 : 0,
    are_nominations_open: values.areNominationsOpen ? 1 : 0,
    fandom_nomination_limit: values.fandomLimit,
    character_nomination_limit: values.characterLimit,
    relationship_nomination_limit: values.relationshipLimit,
  };
}

/** A new set owned by `ownerId`; answers its id. */
export async function insertTagSet(db: Db, values: TagSetValues, ownerId: number): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('tag_sets')
    .values({ ...columnsOf(values), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('tag_set_maintainers').values({ tag_set_id: row.id, user_id: ownerId, is_owner: 1 }).execute();
  return row.id;
}

export async function updateTagSet(db: Db, id: number, values: TagSetValues): Promise<void> {
  await db
    .updateTable('tag_sets')
    .set({ ...columnsOf(values), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function findTagSet(db: Db, id: number): Promise<TagSetRow | undefined> {
  return db.selectFrom('tag_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface Maintainer {
  userId: number;
  username: string;
  isOwner: boolean;
}

/** Owners first, then by name. */
export async function listMaintainers(db: Db, setId: number): Promise<Maintainer[]> {
  const rows = await db
    .selectFrom('tag_set_maintainers as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.username', 'm.is_owner'])
    .where('m.tag_set_id', '=', setId)
    .orderBy('m.is_owner', 'desc')
    .orderBy('u.username')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, username: r.username, isOwner: r.is_owner === 1 }));
}

/** Adds a co-maintainer; false when they already maintain the set. */
export async function insertMaintainer(db: Db, setId: number, userId: number): Promise<boolean> {
  const result = await db
    .insertInto('tag_set_maintainers')
    .values({ tag_set_id: setId, user_id: userId })
    .onConflict((oc) => oc.columns(['tag_set_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes co-maintainers (never an owner). */
export async function deleteCoMaintainers(db: Db, setId: number, userIds: readonly number[]): Promise<number> {
  if (!userIds.length) return 0;
  const result = await db
    .deleteFrom('tag_set_maintainers')
    .where('tag_set_id', '=', setId)
    .where('user_id', 'in', userIds)
    .where('is_owner', '=', 0)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface TagSetSummary {
  id: number;
  title: string;
  isVisible: boolean;
  areNominationsOpen: boolean;
  tagCount: number;
}

/** The sets a viewer may see, newest first: the visible ones and those they maintain. */
export async function listTagSetsFor(db: Db, viewerId: number | null): Promise<TagSetSummary[]> {
  const rows = await db
    .selectFrom('tag_sets as s')
    .select((eb) => [
      's.id',
      's.title',
      's.is_visible',
      's.are_nominations_open',
      eb
        .selectFrom('tag_set_tags as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.tag_set_id', '=', 's.id')
        .as('tag_count'),
    ])
    .where((eb) =>
      viewerId === null
        ? eb('s.is_visible', '=', 1)
        : eb.or([
            eb('s.is_visible', '=', 1),
            eb.exists(
              eb
                .selectFrom('tag_set_maintainers as m')
                .select('m.user_id')
                .whereRef('m.tag_set_id', '=', 's.id')
                .where('m.user_id', '=', viewerId),
            ),
          ]),
    )
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    isVisible: r.is_visible === 1,
    areNominationsOpen: r.are_nominations_open === 1,
    tagCount: Number(r.tag_count ?? 0),
  }));
}

export interface SetTag {
  tagId: number;
  name: string;
  kind: TagSetKind;
}

/** The set's tags, by kind then name. */
export async function listSetTags(db: Db, setId: number): Promise<SetTag[]> {
  const rows = await db
    .selectFrom('tag_set_tags as s')
    .innerJoin('tags as t', 't.id', 's.tag_id')
    .select(['s.tag_id', 't.name', 's.kind'])
    .where('s.tag_set_id', '=', setId)
    .orderBy('s.kind')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ tagId: r.tag_id, name: r.name, kind: r.kind }));
}

/** Which of these tags the set already holds. */
export async function setTagIdsAmong(db: Db, setId: number, tagIds: readonly number[]): Promise<Set<number>> {
  if (!tagIds.length) return new Set();
  const rows = await db
    .selectFrom('tag_set_tags')
    .select('tag_id')
    .where('tag_set_id', '=', setId)
    .where('tag_id', 'in', tagIds)
    .execute();
  return new Set(rows.map((r) => r.tag_id));
}

export async function insertSetTags(
  db: Db,
  setId: number,
  tags: ReadonlyArray<{ tagId: number; kind: TagSetKind }>,
): Promise<void> {
  for (const tag of tags) {
    await db
      .insertInto('tag_set_tags')
      .values({ tag_set_id: setId, tag_id: tag.tagId, kind: tag.kind })
      .onConflict((oc) => oc.columns(['tag_set_id', 'tag_id']).doNothing())
      .execute();
  }
}

/** Removes tags and every association they are part of (as the tag or as its fandom). */
export async function deleteSetTags(db: Db, setId: number, tagIds: readonly number[]): Promise<number> {
  if (!tagIds.length) return 0;
  await db
    .deleteFrom('tag_set_associations')
    .where('tag_set_id', '=', setId)
    .where((eb) => eb.or([eb('tag_id', 'in', tagIds), eb('fandom_id', 'in', tagIds)]))
    .execute();
  const result = await db
    .deleteFrom('tag_set_tags')
    .where('tag_set_id', '=', setId)
    .where('tag_id', 'in', tagIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface Association {
  tagId: number;
  fandomId: number;
}

export async function listAssociations(db: Db, setId: number): Promise<Association[]> {
  const rows = await db
    .selectFrom('tag_set_associations')
    .select(['tag_id', 'fandom_id'])
    .where('tag_set_id', '=', setId)
    .execute();
  return rows.map((r) => ({ tagId: r.tag_id, fandomId: r.fandom_id }));
}

export async function insertAssociations(db: Db, setId: number, pairs: readonly Association[]): Promise<void> {
  for (const pair of pairs) {
    await db
      .insertInto('tag_set_associations')
      .values({ tag_set_id: setId, tag_id: pair.tagId, fandom_id: pair.fandomId })
      .onConflict((oc) => oc.columns(['tag_set_id', 'tag_id', 'fandom_id']).doNothing())
      .execute();
  }
}
