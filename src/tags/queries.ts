/**
 * Tag lookups and creation. A free-text tag is created on first use with the
 * kind of the field it was typed into; an existing tag is matched by its
 * name key, so case and Unicode normalization never make a second tag.
 */
import type { Db } from '../db/database.ts';
import type { Tag, TagKind } from './tags.table.ts';
import { cleanTagName, tagNameKey } from './names.ts';

export async function findTagByName(db: Db, name: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('name_key', '=', tagNameKey(name)).executeTakeFirst();
}

export async function findFixedTags(db: Db, kind: 'warning' | 'category' | 'rating', names: readonly string[]) {
  if (!names.length) return [];
  return db
    .selectFrom('tags')
    .selectAll()
    .where('kind', '=', kind)
    .where('name_key', 'in', names.map(tagNameKey))
    .execute();
}

/** Ids of the named tags, creating the missing ones with `kind`; order follows `names`. */
export async function findOrCreateTags(db: Db, names: readonly string[], kind: TagKind): Promise<number[]> {
  if (!names.length) return [];
  const keys = names.map(tagNameKey);
  const existing = await db.selectFrom('tags').select(['id', 'name_key']).where('name_key', 'in', keys).execute();
  const idByKey = new Map(existing.map((t) => [t.name_key, t.id]));
  const now = new Date().toISOString();
  for (const name of names) {
    const key = tagNameKey(name);
    if (idByKey.has(key)) continue;
    // Another request may create the same tag at the same moment; the unique key decides.
    await db
      .insertInto('tags')
      .values({ name: cleanTagName(name), name_key: key, kind, created_at: now })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
    const tag = await db.selectFrom('tags').select('id').where('name_key', '=', key).executeTakeFirstOrThrow();
    idByKey.set(key, tag.id);
  }
  return keys.map((key) => idByKey.get(key)!);
}

export async function findTagById(db: Db, id: number): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tags that are synonyms of a canonical tag, by name. */
export async function listSynonyms(db: Db, tagId: number): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().where('synonym_of_id', '=', tagId).orderBy('name').execute();
}

/** The meta tags directly above a tag. */
export async function listMetaTags(db: Db, subId: number): Promise<Tag[]> {
  return db
    .selectFrom('meta_taggings')
    .innerJoin('tags', 'tags.id', 'meta_taggings.meta_tag_id')
    .selectAll('tags')
    .where('meta_taggings.sub_tag_id', '=', subId)
    .orderBy('tags.name')
    .execute();
}

/** The sub tags directly below a meta tag. */
export async function listSubTags(db: Db, metaId: number): Promise<Tag[]> {
  return db
    .selectFrom('meta_taggings')
    .innerJoin('tags', 'tags.id', 'meta_taggings.sub_tag_id')
    .selectAll('tags')
    .where('meta_taggings.meta_tag_id', '=', metaId)
    .orderBy('tags.name')
    .execute();
}

/** The parents of a tag (a fandom's media, a character's fandoms, a relationship's fandoms and characters). */
export async function listParents(db: Db, childId: number): Promise<Tag[]> {
  return db
    .selectFrom('tag_parents')
    .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
    .selectAll('tags')
    .where('tag_parents.child_id', '=', childId)
    .orderBy('tags.kind')
    .orderBy('tags.name')
    .execute();
}

/** The tags attached to a parent (a media's fandoms, a fandom's characters, relationships and additional tags). */
export async function listChildren(db: Db, parentId: number): Promise<Tag[]> {
  return db
    .selectFrom('tag_parents')
    .innerJoin('tags', 'tags.id', 'tag_parents.child_id')
    .selectAll('tags')
    .where('tag_parents.parent_id', '=', parentId)
    .orderBy('tags.kind')
    .orderBy('tags.name')
    .execute();
}

/** The graph's nodes: each tag's kind, whether it is canonical, and what it is a synonym of. */
export async function listTagNodes(db: Db, tagIds: readonly number[]) {
  return db
    .selectFrom('tags')
    .select(['id', 'kind', 'is_canonical', 'synonym_of_id'])
    .where('id', 'in', tagIds)
    .execute();
}

/** Meta tag edges going up from these tags. */
export async function listMetaEdges(db: Db, subIds: readonly number[]) {
  return db
    .selectFrom('meta_taggings')
    .select(['sub_tag_id as from', 'meta_tag_id as to'])
    .where('sub_tag_id', 'in', subIds)
    .execute();
}

/** Parent fandom edges going up from these tags. */
export async function listFandomEdges(db: Db, childIds: readonly number[]) {
  return db
    .selectFrom('tag_parents')
    .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
    .select(['tag_parents.child_id as from', 'tag_parents.parent_id as to'])
    .where('tag_parents.child_id', 'in', childIds)
    .where('tags.kind', '=', 'fandom')
    .execute();
}
