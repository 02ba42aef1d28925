/**
 * What the guest page cache reads of the database: the two change logs after
 * a position (`search_changes` for the `works` row, its tags and counts;
 * `page_changes` for its comments and chapters), and the visible counters of
 * works whose counts moved, to tell a new hit (no page dropped) from a kudos.
 */
import type { Db } from '../db/database.ts';

export interface LoggedChange {
  id: number;
  work_id: number;
  counters_only: number;
}

/** The newest id of each log (0 when empty): where a fresh cache starts reading. */
export async function changeLogEnds(db: Db): Promise<{ search: number; page: number }> {
  const [search, page] = await Promise.all([
    db
      .selectFrom('search_changes')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('page_changes')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst(),
  ]);
  return { search: Number(search?.n ?? 0), page: Number(page?.n ?? 0) };
}

/** Rows of the search change log with an id above `after`, oldest first. */
export function searchChangesAfter(db: Db, after: number, limit: number): Promise<LoggedChange[]> {
  return db
    .selectFrom('search_changes')
    .select(['id', 'work_id', 'counters_only'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Rows of the page change log with an id above `after`, oldest first. */
export async function pageChangesAfter(db: Db, after: number, limit: number): Promise<LoggedChange[]> {
  const rows = await db
    .selectFrom('page_changes')
    .select(['id', 'work_id'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, counters_only: 0 }));
}

/** The counts a guest page shows beside hits: kudos, comments and bookmarks. */
export async function shownCounters(db: Db, workIds: readonly number[]): Promise<Map<number, string>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('works')
    .select(['id', 'kudos_count', 'comments_count', 'bookmarks_count'])
    .where('id', 'in', [...workIds])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.kudos_count}/${r.comments_count}/${r.bookmarks_count}`]));
}

export async function pruneLoggedPageChanges(db: Db, before: string): Promise<void> {
  await db.deleteFrom('page_changes').where('changed_at', '<', before).execute();
}

/** These rows of the search change log, those committed by now (ids a cursor skipped over). */
export function searchChangesIn(db: Db, ids: readonly number[]): Promise<LoggedChange[]> {
  return db
    .selectFrom('search_changes')
    .select(['id', 'work_id', 'counters_only'])
    .where('id', 'in', [...ids])
    .execute();
}

/** These rows of the page change log, those committed by now. */
export async function pageChangesIn(db: Db, ids: readonly number[]): Promise<LoggedChange[]> {
  const rows = await db
    .selectFrom('page_changes')
    .select(['id', 'work_id'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ ...r, counters_only: 0 }));
}
