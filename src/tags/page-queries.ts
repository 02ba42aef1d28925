/**
 * SQL behind the tag pages: how many works a tag finds (through the derived
 * filter tags, as listings do), the autocomplete lookup, and the fandom
 * index by media. Counts include only works the viewer could list (src/visibility).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Tables } from '../db/database.ts';
import type { TagKind } from './tags.table.ts';
import { listedWorksWhere, type WorkAudience } from '../visibility/index.ts';
import { tagNameKey } from './names.ts';

/** Works a filter on a canonical tag finds: tagged with it, a synonym, a sub tag, or (for a fandom) inferred. */
export async function countFilteredWorks(db: Db, tagId: number, audience: WorkAudience): Promise<number> {
  const row = await db
    .selectFrom('filter_taggings')
    .innerJoin('works', 'works.id', 'filter_taggings.work_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('filter_taggings.tag_id', '=', tagId)
    .where(listedWorksWhere(audience))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Works tagged with exactly this tag (for tags that are not canonical). */
export async function countTaggedWorks(db: Db, tagId: number, audience: WorkAudience): Promise<number> {
  const row = await db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(listedWorksWhere(audience))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('taggings')
          .select('taggings.work_id')
          .whereRef('taggings.work_id', '=', 'works.id')
          .where('taggings.tag_id', '=', tagId),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Suggestion {
  name: string;
  kind: TagKind;
  canonical: boolean;
  uses: number;
}

/** What may come before a word inside a tag name: `Javert/Jean Valjean`, `Sherlock Holmes (BBC)`. */
const WORD_BREAKS = [' ', '/', '(', '-', '&'];

/** Escapes LIKE's wildcards so a typed `_` or `%` matches itself. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Up to `limit` tags of `kind` with a word starting with `q`: canonical tags
 * first, then the most used (a canonical tag's uses include its synonyms').
 * Uses count only works the audience may see, and a tag no such work carries
 * is offered only when it is canonical (wranglers made it the archive's
 * vocabulary): otherwise a draft's or a restricted work's tags would tell
 * that the work exists. Unwrangleable tags and fixed kinds are never suggested.
 */
export async function suggestTags(
  db: Db,
  audience: WorkAudience,
  kind: TagKind | undefined,
  q: string,
  limit = 10,
): Promise<Suggestion[]> {
  const key = tagNameKey(q);
  if (!key) return [];
  const word = likeLiteral(key);
  const visibleUses = (eb: ExpressionBuilder<Tables & { t: Tables['tags'] }, 't'>) =>
    eb
      .selectFrom('taggings')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .where(listedWorksWhere(audience))
      .where((inner) =>
        inner.or([
          inner('taggings.tag_id', '=', inner.ref('t.id')),
          inner(
            'taggings.tag_id',
            'in',
            inner.selectFrom('tags as s').select('s.id').whereRef('s.synonym_of_id', '=', 't.id'),
          ),
        ]),
      );
  const rows = await db
    .selectFrom('tags as t')
    .select((eb) => [
      't.name',
      't.kind',
      't.is_canonical',
      visibleUses(eb).select(eb.fn.countAll<number>().as('n')).as('uses'),
    ])
    .where('t.is_unwrangleable', '=', 0)
    .where('t.kind', 'not in', ['rating', 'warning', 'category'])
    .$if(kind !== undefined, (qb) => qb.where('t.kind', '=', kind!))
    .where((eb) =>
      eb.or(
        [`${word}%`, ...WORD_BREAKS.map((before) => `%${before}${word}%`)].map(
          (pattern) => sql<boolean>`${eb.ref('t.name_key')} like ${pattern} escape '\\'`,
        ),
      ),
    )
    .where((eb) => eb.or([eb('t.is_canonical', '=', 1), eb.exists(visibleUses(eb).select('taggings.work_id'))]))
    .orderBy('t.is_canonical', 'desc')
    .orderBy('uses', 'desc')
    .orderBy('t.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, kind: r.kind, canonical: r.is_canonical === 1, uses: Number(r.uses ?? 0) }));
}

export interface MediaEntry {
  id: number | null;
  name: string;
  fandoms: number;
}

/** Canonical media with how many canonical fandoms each holds. */
export async function listMedia(db: Db): Promise<MediaEntry[]> {
  const rows = await db
    .selectFrom('tags as m')
    .select((eb) => [
      'm.id',
      'm.name',
      eb
        .selectFrom('tag_parents')
        .innerJoin('tags as f', 'f.id', 'tag_parents.child_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tag_parents.parent_id', '=', 'm.id')
        .where('f.kind', '=', 'fandom')
        .where('f.is_canonical', '=', 1)
        .as('fandoms'),
    ])
    .where('m.kind', '=', 'media')
    .where('m.is_canonical', '=', 1)
    .orderBy('m.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, fandoms: Number(r.fandoms ?? 0) }));
}

/** Canonical fandoms without a medium yet. */
export async function countUncategorizedFandoms(db: Db): Promise<number> {
  const row = await db
    .selectFrom('tags as f')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('f.kind', '=', 'fandom')
    .where('f.is_canonical', '=', 1)
    .where((eb) => eb.not(eb.exists(mediaOf(eb))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The media links of the fandom `f` in the enclosing query. */
function mediaOf(eb: ExpressionBuilder<Tables & { f: Tables['tags'] }, 'f'>) {
  return eb
    .selectFrom('tag_parents')
    .innerJoin('tags as m', 'm.id', 'tag_parents.parent_id')
    .select('tag_parents.child_id')
    .whereRef('tag_parents.child_id', '=', 'f.id')
    .where('m.kind', '=', 'media');
}

/** The canonical fandoms of a medium (or, for null, those with none) with their listable work counts, by name. */
export async function listFandomsWithCounts(
  db: Db,
  mediaId: number | null,
  audience: WorkAudience,
): Promise<Array<{ id: number; name: string; works: number }>> {
  const rows = await db
    .selectFrom('tags as f')
    .select((eb) => [
      'f.id',
      'f.name',
      eb
        .selectFrom('filter_taggings')
        .innerJoin('works', 'works.id', 'filter_taggings.work_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('filter_taggings.tag_id', '=', 'f.id')
        .where(listedWorksWhere(audience))
        .as('works'),
    ])
    .where('f.kind', '=', 'fandom')
    .where('f.is_canonical', '=', 1)
    .where((eb) =>
      mediaId === null
        ? eb.not(eb.exists(mediaOf(eb)))
        : eb.exists(
            eb
              .selectFrom('tag_parents')
              .select('tag_parents.child_id')
              .whereRef('tag_parents.child_id', '=', 'f.id')
              .where('tag_parents.parent_id', '=', mediaId),
          ),
    )
    .orderBy('f.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, works: Number(r.works ?? 0) }));
}
