/**
 * SQL of the search index: reading what a work's search document is made
 * of (in batches, a few queries per batch of works) and writing the index
 * rows — an FTS5 row plus `work_search` on SQLite, `work_search` with its
 * tsvector columns on PostgreSQL. Only `indexer.ts` calls the writers.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';

export async function loadWorkRows(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('works')
    .select(['id', 'title', 'summary', 'notes', 'end_notes', 'is_anonymous', 'is_unrevealed', 'deleted_at'])
    .where('id', 'in', [...workIds])
    .execute();
}

/** Accepted creators of the works: pseud name and account name, or an imported name. */
export async function loadCreatorNames(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('creatorships')
    .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .leftJoin('users', 'users.id', 'pseuds.user_id')
    .select(['creatorships.work_id', 'pseuds.name as pseud_name', 'users.username', 'creatorships.external_name'])
    .where('creatorships.work_id', 'in', [...workIds])
    .where('creatorships.is_accepted', '=', 1)
    .orderBy('creatorships.work_id')
    .orderBy('creatorships.position')
    .execute();
}

/** The tags typed on the works, with their field. */
export async function loadTaggings(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('taggings')
    .innerJoin('tags', 'tags.id', 'taggings.tag_id')
    .select(['taggings.work_id', 'taggings.field', 'tags.id as tag_id', 'tags.name'])
    .where('taggings.work_id', 'in', [...workIds])
    .orderBy('taggings.work_id')
    .orderBy('taggings.field')
    .orderBy('taggings.position')
    .execute();
}

/** Names of the works' filter tags (canonical forms and inherited meta tags), so a search finds every spelling. */
export async function loadFilterTagNames(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('filter_taggings')
    .innerJoin('tags', 'tags.id', 'filter_taggings.tag_id')
    .select(['filter_taggings.work_id', 'tags.name'])
    .where('filter_taggings.work_id', 'in', [...workIds])
    .execute();
}

/** Posted chapters of the works, in order; only posted text is searchable. */
export async function loadPostedChapters(db: Db, workIds: readonly number[]) {
  return db
    .selectFrom('chapters')
    .select(['work_id', 'title', 'summary', 'notes', 'end_notes', 'body'])
    .where('work_id', 'in', [...workIds])
    .where('is_posted', '=', 1)
    .orderBy('work_id')
    .orderBy('position')
    .execute();
}

/** What one work contributes to the index, its texts already folded (see text.ts). */
export interface IndexRow {
  workId: number;
  title: string;
  creators: string;
  tags: string;
  /** Summary, notes and chapter headings. */
  summary: string;
  body: string;
  titleSort: string;
  creatorSort: string;
  isCrossover: boolean;
  tagCount: number;
}

/** Replaces the index rows of these works. Call inside the transaction that changed them. */
export async function writeIndexRows(db: Db, rows: readonly IndexRow[]): Promise<void> {
  if (!rows.length) return;
  const now = new Date().toISOString();
  const facts = rows.map((r) => ({
    work_id: r.workId,
    title_sort: r.titleSort,
    creator_sort: r.creatorSort,
    is_crossover: r.isCrossover ? 1 : 0,
    tag_count: r.tagCount,
    indexed_at: now,
  }));
  // Every process's in-memory index learns of the change from this log (src/search/memory/sync.ts).
  await db
    .insertInto('search_changes')
    .values(rows.map((r) => ({ work_id: r.workId, changed_at: now })))
    .execute();
  if (dialectOf(db) === 'sqlite') {
    await db
      .insertInto('work_search')
      .values(facts)
      .onConflict((oc) =>
        oc.column('work_id').doUpdateSet((eb) => ({
          title_sort: eb.ref('excluded.title_sort'),
          creator_sort: eb.ref('excluded.creator_sort'),
          is_crossover: eb.ref('excluded.is_crossover'),
          tag_count: eb.ref('excluded.tag_count'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute();
    const ids = rows.map((r) => r.workId);
    await sql`delete from work_text where rowid in (${sql.join(ids)})`.execute(db);
    const values = rows.map((r) => sql`(${r.workId}, ${r.title}, ${r.creators}, ${r.tags}, ${r.summary}, ${r.body})`);
    await sql`insert into work_text (rowid, title, creators, tags, summary, body) values ${sql.join(values)}`.execute(
      db,
    );
    return;
  }
  const values = rows.map((r, i) => {
    const f = facts[i];
    const vector = (text: string) => sql`to_tsvector('simple', ${text})`;
    return sql`(${f.work_id}, ${f.title_sort}, ${f.creator_sort}, ${f.is_crossover}, ${f.tag_count}, ${f.indexed_at},
      ${vector(r.title)}, ${vector(r.creators)}, ${vector(r.tags)}, ${vector(r.summary)}, ${vector(r.body)})`;
  });
  await sql`insert into work_search (work_id, title_sort, creator_sort, is_crossover, tag_count, indexed_at,
      title_tsv, creators_tsv, tags_tsv, summary_tsv, body_tsv)
    values ${sql.join(values)}
    on conflict (work_id) do update set
      title_sort = excluded.title_sort, creator_sort = excluded.creator_sort, is_crossover = excluded.is_crossover,
      tag_count = excluded.tag_count, indexed_at = excluded.indexed_at, title_tsv = excluded.title_tsv,
      creators_tsv = excluded.creators_tsv, tags_tsv = excluded.tags_tsv, summary_tsv = excluded.summary_tsv,
      body_tsv = excluded.body_tsv`.execute(db);
}

/** Takes works out of the index (a soft-deleted work keeps its row); the change log tells every process. */
export async function deleteIndexRows(db: Db, workIds: readonly number[]): Promise<void> {
  if (!workIds.length) return;
  const ids = [...workIds];
  await db
    .insertInto('search_changes')
    .values(ids.map((id) => ({ work_id: id, changed_at: new Date().toISOString() })))
    .execute();
  if (dialectOf(db) === 'sqlite') await sql`delete from work_text where rowid in (${sql.join(ids)})`.execute(db);
  await db.deleteFrom('work_search').where('work_id', 'in', ids).execute();
}

/** Ids of every work, in order, a batch at a time after `afterId` (for a full rebuild). */
export async function nextWorkIds(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('works').select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function countWorks(db: Db): Promise<number> {
  const row = await db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Empties the index, for a rebuild from scratch. */
export async function clearIndex(db: Db): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`delete from work_text`.execute(db);
  await db.deleteFrom('work_search').execute();
}
