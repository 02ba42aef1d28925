/**
 * SQL of writing many new works at once (create-works.ts): multi-row
 * inserts of works, chapters, creatorships and taggings, the tags of a whole
 * batch found or created in three statements, and the ids of languages and
 * fixed tags by name. Statements are cut into chunks that stay well under
 * either database's limit on bound parameters.
 */
import type { Db } from '../db/database.ts';
import type { NewWork } from './works.table.ts';
import type { NewChapter } from './chapters.table.ts';
import type { TagField, TagKind } from '../tags/tags.table.ts';
import { chunked } from '../indexing/filter-tags.ts';

/** Rows per insert: ~20 columns × 400 rows stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 400;
const KEYS_PER_SELECT = 500;

export async function findLanguageIds(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('languages').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Fixed tags (warnings, categories) of a kind by exact name. */
export async function findFixedTagIds(db: Db, kind: 'warning' | 'category'): Promise<Map<string, number>> {
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('kind', '=', kind).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Ids of tags by name key, creating those that are missing with the name
 * and kind given. Another writer may create one of them meanwhile: the
 * unique key decides, and the id is read back either way.
 */
export async function findOrCreateTagsByKey(
  db: Db,
  tags: ReadonlyMap<string, { name: string; kind: TagKind }>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const keys = [...tags.keys()];
  const readIds = async (wanted: string[]) => {
    for (const chunk of chunked(wanted, KEYS_PER_SELECT)) {
      for (const row of await db.selectFrom('tags').select(['id', 'name_key']).where('name_key', 'in', chunk).execute())
        ids.set(row.name_key, row.id);
    }
  };
  await readIds(keys);
  const missing = keys.filter((key) => !ids.has(key));
  if (!missing.length) return ids;
  const now = new Date().toISOString();
  for (const chunk of chunked(missing, ROWS_PER_INSERT)) {
    await db
      .insertInto('tags')
      .values(chunk.map((key) => ({ ...tags.get(key)!, name_key: key, created_at: now })))
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
  }
  await readIds(missing);
  return ids;
}

/**
 * Inserts the works and returns their ids in the order given. Both
 * databases number the rows of one insert in the order of its VALUES (one
 * writer at a time on SQLite; nextval row by row on PostgreSQL), so the
 * returned ids sorted ascending follow the rows, whatever order RETURNING
 * hands them back in.
 */
export async function insertWorks(db: Db, works: readonly NewWork[]): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunked(works, ROWS_PER_INSERT)) {
    const rows = await db.insertInto('works').values(chunk).returning('id').execute();
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

export async function insertChapters(db: Db, chapters: readonly NewChapter[]): Promise<void> {
  for (const chunk of chunked(chapters, ROWS_PER_INSERT)) await db.insertInto('chapters').values(chunk).execute();
}

export interface NewCreatorship {
  work_id: number;
  pseud_id: number | null;
  external_name: string | null;
  is_accepted: number;
  position: number;
}

export async function insertCreatorships(db: Db, rows: readonly NewCreatorship[]): Promise<void> {
  for (const chunk of chunked(rows, ROWS_PER_INSERT)) await db.insertInto('creatorships').values(chunk).execute();
}

export interface NewTagging {
  work_id: number;
  tag_id: number;
  field: TagField;
  position: number;
}

export async function insertTaggings(db: Db, rows: readonly NewTagging[]): Promise<void> {
  for (const chunk of chunked(rows, ROWS_PER_INSERT)) await db.insertInto('taggings').values(chunk).execute();
}
