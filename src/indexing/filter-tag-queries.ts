/**
 * SQL of the filter tags: the tags on works, the edges a change walks down
 * (synonyms, sub tags, a fandom's relationships and characters), and
 * the rows of `filter_taggings`. Only filter-tags.ts writes those rows (see
 * there); the reads serve it and `quire tags verify`. Callers
 * chunk their id lists (SQLite's bound-parameter limit).
 */
import type { Db } from '../db/database.ts';

/** The tags typed on the works, and each work's rating as its canonical rating tag (same name). */
export async function listTypedTags(db: Db, workIds: readonly number[]) {
  const typed = await db.selectFrom('taggings').select(['work_id', 'tag_id']).where('work_id', 'in', workIds).execute();
  const ratings = await db
    .selectFrom('works')
    .innerJoin('tags', (join) => join.onRef('tags.name', '=', 'works.rating').on('tags.kind', '=', 'rating'))
    .select(['works.id as work_id', 'tags.id as tag_id'])
    .where('works.id', 'in', workIds)
    .execute();
  return [...typed, ...ratings];
}

export async function replaceFilterTaggings(
  db: Db,
  workIds: readonly number[],
  rows: ReadonlyArray<{ work_id: number; tag_id: number; is_inherited: number }>,
  chunkSize: number,
): Promise<void> {
  await db.deleteFrom('filter_taggings').where('work_id', 'in', workIds).execute();
  for (let i = 0; i < rows.length; i += chunkSize) {
    await db
      .insertInto('filter_taggings')
      .values(rows.slice(i, i + chunkSize))
      .execute();
  }
}

export async function listStoredFilterTaggings(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('filter_taggings')
    .select(['work_id', 'tag_id', 'is_inherited'])
    .where('work_id', 'in', workIds)
    .execute();
}

/** One step down the graph from these tags: their synonyms, sub tags, and a fandom's relationships and characters. */
export async function listTagsOneBelow(db: Db, tagIds: readonly number[]): Promise<number[]> {
  const synonyms = await db.selectFrom('tags').select('id').where('synonym_of_id', 'in', tagIds).execute();
  const subs = await db
    .selectFrom('meta_taggings')
    .select('sub_tag_id as id')
    .where('meta_tag_id', 'in', tagIds)
    .execute();
  const children = await db
    .selectFrom('tag_parents')
    .innerJoin('tags', 'tags.id', 'tag_parents.child_id')
    .select('tags.id')
    .where('tag_parents.parent_id', 'in', tagIds)
    .where('tags.kind', 'in', ['relationship', 'character'])
    .execute();
  return [...synonyms, ...subs, ...children].map((r) => r.id);
}

/** Works tagged with any of the tags, or holding one of them as a filter tag. */
export async function listWorkIdsWithTags(db: Db, tagIds: readonly number[]): Promise<number[]> {
  const tagged = await db.selectFrom('taggings').select('work_id').distinct().where('tag_id', 'in', tagIds).execute();
  const filtered = await db
    .selectFrom('filter_taggings')
    .select('work_id')
    .distinct()
    .where('tag_id', 'in', tagIds)
    .execute();
  return [...tagged, ...filtered].map((r) => r.work_id);
}

/** Work ids after `after`, in order, `limit` at a time (for walking every work). */
export async function listWorkIdsAfter(db: Db, after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('works').select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function listTagNames(db: Db, tagIds: readonly number[]) {
  return db.selectFrom('tags').select(['id', 'name']).where('id', 'in', tagIds).execute();
}
