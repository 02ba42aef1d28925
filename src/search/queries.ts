/**
 * Lookups that turn what a reader typed into ids a listing query can use:
 * tag names (any spelling) to the tag a filter matches, a language code to
 * its row, facet tag ids back to names. The listing query itself is built in
 * `plan-queries.ts`.
 */
import { queryInChunks } from '../db/chunks.ts';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { tagNameKey } from '../tags/names.ts';

/**
 * How a named tag narrows a listing: a canonical tag (or a synonym's
 * canonical) through the derived filter tags, so synonyms and sub tags
 * count; a tag nobody has wrangled yet through the works typed with it.
 */
export interface TagMatch {
  name: string;
  /** The tag's own name, properly spelled. */
  displayName: string;
  kind: TagKind;
  tagId: number;
  through: 'filter_tags' | 'taggings';
}

/** Resolves tag names; names with no tag are returned in `unknown`. */
export async function resolveTagNames(
  db: Db,
  names: readonly string[],
): Promise<{ found: Map<string, TagMatch>; unknown: string[] }> {
  const found = new Map<string, TagMatch>();
  if (!names.length) return { found, unknown: [] };
  const keys = [...new Set(names.map(tagNameKey))];
  // A search may name any number of tags: the lookup goes in batches (src/db/chunks.ts).
  const rows = await queryInChunks(keys, (batch) =>
    db
      .selectFrom('tags')
      .leftJoin('tags as canonical', (join) =>
        join.onRef('canonical.id', '=', 'tags.synonym_of_id').on('canonical.is_canonical', '=', 1),
      )
      .select([
        'tags.id',
        'tags.name',
        'tags.name_key',
        'tags.kind',
        'tags.is_canonical',
        'canonical.id as canonical_id',
        'canonical.name as canonical_name',
      ])
      .where('tags.name_key', 'in', batch)
      .execute(),
  );
  const byKey = new Map(rows.map((r) => [r.name_key, r]));
  const unknown: string[] = [];
  for (const name of names) {
    const row = byKey.get(tagNameKey(name));
    if (!row) {
      unknown.push(name);
      continue;
    }
    if (row.is_canonical) {
      found.set(name, { name, displayName: row.name, kind: row.kind, tagId: row.id, through: 'filter_tags' });
    } else if (row.canonical_id !== null) {
      found.set(name, {
        name,
        displayName: row.canonical_name ?? row.name,
        kind: row.kind,
        tagId: row.canonical_id,
        through: 'filter_tags',
      });
    } else {
      found.set(name, { name, displayName: row.name, kind: row.kind, tagId: row.id, through: 'taggings' });
    }
  }
  return { found, unknown };
}

export async function findLanguage(db: Db, code: string) {
  return db
    .selectFrom('languages')
    .select(['id', 'code', 'name'])
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .executeTakeFirst();
}

export async function listLanguageChoices(db: Db) {
  return db.selectFrom('languages').select(['code', 'name']).orderBy('id').execute();
}

export async function findTagNames(db: Db, tagIds: readonly number[]): Promise<Map<number, string>> {
  if (!tagIds.length) return new Map();
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('id', 'in', [...tagIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The readable text of the works a snippet may be cut from: summary and notes, then posted chapters in order. */
export async function loadSnippetSources(db: Db, workIds: readonly number[]) {
  if (!workIds.length) return { works: [], chapters: [] };
  const [works, chapters] = await Promise.all([
    db
      .selectFrom('works')
      .select(['id', 'summary', 'notes'])
      .where('id', 'in', [...workIds])
      .execute(),
    db
      .selectFrom('chapters')
      .select(['work_id', 'body'])
      .where('work_id', 'in', [...workIds])
      .where('is_posted', '=', 1)
      .orderBy('work_id')
      .orderBy('position')
      .execute(),
  ]);
  return { works, chapters };
}
