/**
 * Tag lookups and creation. A free-text tag is created on first use with the
 * kind of the field it was typed into; an existing tag is matched by its
 * name key, so case and Unicode normalization never make a second tag.
 */
import type { Kysely } from 'kysely';
import type { Tables, Tag, TagKind } from '../db/database.ts';
import { cleanTagName, tagNameKey } from './names.ts';

export async function findTagByName(db: Kysely<Tables>, name: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('name_key', '=', tagNameKey(name)).executeTakeFirst();
}

export async function findFixedTags(db: Kysely<Tables>, kind: 'warning' | 'category' | 'rating', names: readonly string[]) {
  if (!names.length) return [];
  return db
    .selectFrom('tags')
    .selectAll()
    .where('kind', '=', kind)
    .where('name_key', 'in', names.map(tagNameKey))
    .execute();
}

/** Ids of the named tags, creating the missing ones with `kind`; order follows `names`. */
export async function findOrCreateTags(
  db: Kysely<Tables>,
  names: readonly string[],
  kind: TagKind,
): Promise<number[]> {
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
