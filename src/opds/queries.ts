/**
 * SQL behind the OPDS catalog: canonical fandoms and popular tags with how
 * many works each finds (through the derived filter tags, as listings
 * count). Pages of works come from the listing query (search/find-works.ts)
 * like every listing's. Every count holds only what the reader may list
 * (src/visibility; a reader logged in with an app password sees restricted works).
 */
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { listedWorksWhere, type WorkAudience } from '../visibility/index.ts';

export interface TagCount {
  id: number;
  name: string;
  kind: TagKind;
  works: number;
}

function canonicalTagCounts(db: Db, kinds: readonly TagKind[], audience: WorkAudience) {
  return db
    .selectFrom('tags')
    .innerJoin('filter_taggings', 'filter_taggings.tag_id', 'tags.id')
    .innerJoin('works', 'works.id', 'filter_taggings.work_id')
    .where('tags.kind', 'in', [...kinds])
    .where('tags.is_canonical', '=', 1)
    .where(listedWorksWhere(audience))
    .groupBy(['tags.id', 'tags.name', 'tags.kind']);
}

const toCounts = (rows: Array<{ id: number; name: string; kind: TagKind; works: number | string | bigint }>) =>
  rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, works: Number(r.works) }));

/** One page of the canonical fandoms that have works, by name, and how many such fandoms there are. */
export async function listFandomPage(
  db: Db,
  audience: WorkAudience,
  page: number,
  perPage: number,
): Promise<{ fandoms: TagCount[]; total: number }> {
  const grouped = canonicalTagCounts(db, ['fandom'], audience);
  const [rows, counted] = await Promise.all([
    grouped
      .select((eb) => ['tags.id', 'tags.name', 'tags.kind', eb.fn.countAll<number>().as('works')])
      .orderBy('tags.name')
      .orderBy('tags.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    db
      .selectFrom(grouped.select('tags.id').as('fandoms'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { fandoms: toCounts(rows), total: Number(counted.n) };
}

/** The most used canonical relationships, characters and additional tags. */
export async function listPopularTags(db: Db, audience: WorkAudience, limit: number): Promise<TagCount[]> {
  const rows = await canonicalTagCounts(db, ['relationship', 'character', 'freeform'], audience)
    .select((eb) => ['tags.id', 'tags.name', 'tags.kind', eb.fn.countAll<number>().as('works')])
    .orderBy('works', 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return toCounts(rows);
}

/** When the catalog last changed, as far as a listing can tell: the newest update date. */
/** When the newest change to a work this reader may list was made (an ISO time), or null when there is none. */
export async function findLatestUpdate(db: Db, audience: WorkAudience): Promise<string | null> {
  const row = await db
    .selectFrom('works')
    .select((eb) => eb.fn.max('works.revised_at').as('latest'))
    .where(listedWorksWhere(audience))
    .executeTakeFirst();
  return row?.latest ?? null;
}
