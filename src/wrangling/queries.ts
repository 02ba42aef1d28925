/**
 * SQL of the wrangling commands: a tag's status, its meta and parent links,
 * the wrangling log, and wranglers' fandom assignments. The rules live in
 * the command modules; these functions only read and write rows.
 */
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import type { WranglingAction } from './wrangling.table.ts';

export interface TagStatus {
  is_canonical: number;
  is_unwrangleable: number;
  synonym_of_id: number | null;
  kind?: TagKind;
}

export async function setTagStatus(db: Db, tagId: number, status: TagStatus): Promise<void> {
  await db.updateTable('tags').set(status).where('id', '=', tagId).execute();
}

export async function setTagKind(db: Db, tagIds: number[], kind: TagKind): Promise<void> {
  if (tagIds.length) await db.updateTable('tags').set({ kind }).where('id', 'in', tagIds).execute();
}

export async function renameTagRow(db: Db, tagId: number, name: string, nameKey: string): Promise<void> {
  await db.updateTable('tags').set({ name, name_key: nameKey }).where('id', '=', tagId).execute();
}

export async function insertTag(
  db: Db,
  tag: { name: string; nameKey: string; kind: TagKind; isCanonical: boolean; synonymOfId?: number | null },
): Promise<number> {
  const row = await db
    .insertInto('tags')
    .values({
      name: tag.name,
      name_key: tag.nameKey,
      kind: tag.kind,
      is_canonical: tag.isCanonical ? 1 : 0,
      synonym_of_id: tag.synonymOfId ?? null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Points every synonym of `fromId` at `toId`; returns how many moved. */
export async function moveSynonyms(db: Db, fromId: number, toId: number): Promise<number> {
  const moved = await db.selectFrom('tags').select('id').where('synonym_of_id', '=', fromId).execute();
  if (moved.length)
    await db.updateTable('tags').set({ synonym_of_id: toId }).where('synonym_of_id', '=', fromId).execute();
  return moved.length;
}

export async function countSynonyms(db: Db, tagId: number): Promise<number> {
  const row = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('synonym_of_id', '=', tagId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function metaLinkExists(db: Db, subId: number, metaId: number): Promise<boolean> {
  const row = await db
    .selectFrom('meta_taggings')
    .select('sub_tag_id')
    .where('sub_tag_id', '=', subId)
    .where('meta_tag_id', '=', metaId)
    .executeTakeFirst();
  return !!row;
}

export async function addMetaLink(db: Db, subId: number, metaId: number): Promise<void> {
  await db
    .insertInto('meta_taggings')
    .values({ sub_tag_id: subId, meta_tag_id: metaId })
    .onConflict((oc) => oc.columns(['meta_tag_id', 'sub_tag_id']).doNothing())
    .execute();
}

export async function removeMetaLink(db: Db, subId: number, metaId: number): Promise<void> {
  await db.deleteFrom('meta_taggings').where('sub_tag_id', '=', subId).where('meta_tag_id', '=', metaId).execute();
}

/** Every meta link touching a tag, either way round. */
export async function listMetaLinks(db: Db, tagId: number) {
  return db
    .selectFrom('meta_taggings')
    .select(['meta_tag_id', 'sub_tag_id'])
    .where((eb) => eb.or([eb('meta_tag_id', '=', tagId), eb('sub_tag_id', '=', tagId)]))
    .execute();
}

export async function deleteMetaLinksOf(db: Db, tagId: number): Promise<void> {
  await db
    .deleteFrom('meta_taggings')
    .where((eb) => eb.or([eb('meta_tag_id', '=', tagId), eb('sub_tag_id', '=', tagId)]))
    .execute();
}

/** The meta tags directly above each of `tagIds`, as (sub, meta) pairs — one step of an upward walk. */
export async function listMetaEdgesAbove(db: Db, tagIds: number[]) {
  if (!tagIds.length) return [];
  return db
    .selectFrom('meta_taggings')
    .select(['sub_tag_id', 'meta_tag_id'])
    .where('sub_tag_id', 'in', tagIds)
    .execute();
}

export async function parentLinkExists(db: Db, childId: number, parentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('tag_parents')
    .select('child_id')
    .where('child_id', '=', childId)
    .where('parent_id', '=', parentId)
    .executeTakeFirst();
  return !!row;
}

export async function addParentLink(db: Db, childId: number, parentId: number): Promise<void> {
  await db
    .insertInto('tag_parents')
    .values({ child_id: childId, parent_id: parentId })
    .onConflict((oc) => oc.columns(['parent_id', 'child_id']).doNothing())
    .execute();
}

export async function removeParentLink(db: Db, childId: number, parentId: number): Promise<void> {
  await db.deleteFrom('tag_parents').where('child_id', '=', childId).where('parent_id', '=', parentId).execute();
}

/** Every parent link touching a tag, either way round. */
export async function listParentLinks(db: Db, tagId: number) {
  return db
    .selectFrom('tag_parents')
    .select(['parent_id', 'child_id'])
    .where((eb) => eb.or([eb('parent_id', '=', tagId), eb('child_id', '=', tagId)]))
    .execute();
}

export async function deleteParentLinksOf(db: Db, tagId: number): Promise<void> {
  await db
    .deleteFrom('tag_parents')
    .where((eb) => eb.or([eb('parent_id', '=', tagId), eb('child_id', '=', tagId)]))
    .execute();
}

/** Wranglers assigned to `fromId` become assigned to `toId` (a fandom made a synonym). */
export async function moveAssignments(db: Db, fromId: number, toId: number): Promise<void> {
  const rows = await db.selectFrom('wrangler_fandoms').selectAll().where('fandom_id', '=', fromId).execute();
  for (const row of rows) await assignFandom(db, row.user_id, toId);
  await db.deleteFrom('wrangler_fandoms').where('fandom_id', '=', fromId).execute();
}

export async function assignFandom(db: Db, userId: number, fandomId: number): Promise<void> {
  await db
    .insertInto('wrangler_fandoms')
    .values({ user_id: userId, fandom_id: fandomId, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'fandom_id']).doNothing())
    .execute();
}

export async function unassignFandom(db: Db, userId: number, fandomId: number): Promise<void> {
  await db.deleteFrom('wrangler_fandoms').where('user_id', '=', userId).where('fandom_id', '=', fandomId).execute();
}

export interface NewWranglingAction {
  tagId: number;
  action: string;
  before: string;
  after: string;
}

export async function logWranglingActions(
  db: Db,
  actor: { userId: number | null; name: string },
  actions: NewWranglingAction[],
): Promise<void> {
  if (!actions.length) return;
  const now = new Date().toISOString();
  await db
    .insertInto('wrangling_actions')
    .values(
      actions.map((a) => ({
        tag_id: a.tagId,
        user_id: actor.userId,
        actor_name: actor.name,
        action: a.action,
        before: a.before,
        after: a.after,
        created_at: now,
      })),
    )
    .execute();
}

/** The newest actions on a tag first. */
export async function listWranglingActions(db: Db, tagId: number, limit = 50): Promise<WranglingAction[]> {
  return db
    .selectFrom('wrangling_actions')
    .selectAll()
    .where('tag_id', '=', tagId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function setWranglerRole(db: Db, userId: number, isWrangler: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ is_wrangler: isWrangler ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
