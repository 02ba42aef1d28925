/**
 * Tag helpers for tests: look a tag up by name, and ask which works a
 * filter on a tag finds (through the derived filter tags, as listings do).
 */
import type { Db } from '../../src/db/database.ts';
import type { Tag } from '../../src/tags/tags.table.ts';
import { findTagByName } from '../../src/tags/queries.ts';

export async function tagNamed(db: Db, name: string): Promise<Tag> {
  const tag = await findTagByName(db, name);
  if (!tag) throw new Error(`no tag named "${name}"`);
  return tag;
}

/** Ids of the works a filter on `name` finds, ascending. */
export async function worksUnder(db: Db, name: string): Promise<number[]> {
  const tag = await tagNamed(db, name);
  const rows = await db
    .selectFrom('filter_taggings')
    .select('work_id')
    .where('tag_id', '=', tag.id)
    .orderBy('work_id')
    .execute();
  return rows.map((r) => r.work_id);
}

/** The names of a work's filter tags, sorted. */
export async function filterTagsOf(db: Db, workId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('filter_taggings')
    .innerJoin('tags', 'tags.id', 'filter_taggings.tag_id')
    .select('tags.name')
    .where('filter_taggings.work_id', '=', workId)
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => r.name);
}
