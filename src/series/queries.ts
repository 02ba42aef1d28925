/**
 * SQL of series: the series row and who may change it (its owner and
 * accepted co-creators), its works in order as the viewer may see them
 * (src/visibility decides which), editing, ordering and removing works, and
 * a user's series.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db, Tables } from '../db/database.ts';
import {
  creatorPageAudience,
  listedWorks,
  listingAudience,
  ownDrafts,
  type WorkAudience,
  withCreatorsNamed,
} from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import type { Series } from '../works/series.table.ts';
import type { CreatorRef } from '../works/work-parts-queries.ts';
import type { SeriesAccess } from './policy.ts';

export interface SeriesRecord {
  id: number;
  title: string;
  summary: string;
  notes: string;
  isComplete: boolean;
  ownerId: number | null;
  createdAt: string;
}

export async function findSeries(db: Db, seriesId: number): Promise<SeriesRecord | undefined> {
  const row = await db.selectFrom('series').selectAll().where('id', '=', seriesId).executeTakeFirst();
  return row && recordOf(row);
}

function recordOf(row: Series): SeriesRecord {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    notes: row.notes,
    isComplete: row.is_complete === 1,
    ownerId: row.owner_id,
    createdAt: row.created_at,
  };
}

/** Users with an accepted pseud among the series' co-creators. */
async function acceptedCreatorUserIds(db: Db, seriesId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('series_creators')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .select('pseuds.user_id')
    .where('series_creators.series_id', '=', seriesId)
    .where('series_creators.is_accepted', '=', 1)
    .execute();
  return rows.map((r) => r.user_id);
}

/** What the series policy needs: the owner first, then accepted co-creators. */
export async function findSeriesAccess(db: Db, series: SeriesRecord): Promise<SeriesAccess> {
  const others = await acceptedCreatorUserIds(db, series.id);
  const ids = series.ownerId === null ? others : [series.ownerId, ...others];
  return { id: series.id, ownerId: series.ownerId, creatorUserIds: [...new Set(ids)] };
}

/**
 * The series' creators as its page names them: the owner's default pseud, then accepted co-creators'
 * pseuds in the order they were invited.
 */
export async function listSeriesCreators(db: Db, series: SeriesRecord): Promise<CreatorRef[]> {
  const owner =
    series.ownerId === null
      ? []
      : await db
          .selectFrom('pseuds')
          .innerJoin('users', 'users.id', 'pseuds.user_id')
          .select(['pseuds.id', 'pseuds.name', 'users.username'])
          .where('pseuds.user_id', '=', series.ownerId)
          .where('pseuds.is_default', '=', 1)
          .execute();
  const others = await db
    .selectFrom('series_creators')
    .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.id', 'pseuds.name', 'users.username'])
    .where('series_creators.series_id', '=', series.id)
    .where('series_creators.is_accepted', '=', 1)
    .orderBy('series_creators.position')
    .orderBy('series_creators.id')
    .execute();
  const seen = new Set<number>();
  return [...owner, ...others].flatMap((p) => {
    if (seen.has(p.id)) return [];
    seen.add(p.id);
    return [{ pseudId: p.id, name: p.name, username: p.username }];
  });
}

/**
 * The works of a series this viewer may see: what the listing audience sees, and a signed-in viewer's own
 * works besides (their drafts and works a moderator hid, as on their own pages; never deleted ones).
 */
function seenBy(viewer: Viewer | null) {
  return (eb: ExpressionBuilder<Tables, 'works'>): Expression<SqlBool> => {
    // A series page names its creators: a work that conceals its creators is not listed under them.
    const listed = listedWorks(eb, withCreatorsNamed(listingAudience(viewer)));
    if (!viewer) return listed;
    const ownWork = eb.exists(
      eb
        .selectFrom('creatorships')
        .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select('creatorships.work_id')
        .whereRef('creatorships.work_id', '=', 'works.id')
        .where('creatorships.is_accepted', '=', 1)
        .where('pseuds.user_id', '=', viewer.id),
    );
    const ownAudience = creatorPageAudience(viewer, viewer.id);
    return eb.or([listed, eb.and([ownWork, eb.or([listedWorks(eb, ownAudience), ownDrafts(eb)])])]);
  };
}

export interface SeriesEntry {
  workId: number;
  position: number;
}

/** The series' works this viewer may see, in series order. */
export async function listVisibleSeriesWorks(db: Db, seriesId: number, viewer: Viewer | null): Promise<SeriesEntry[]> {
  const rows = await db
    .selectFrom('series_works')
    .innerJoin('works', 'works.id', 'series_works.work_id')
    .select(['series_works.work_id', 'series_works.position'])
    .where('series_works.series_id', '=', seriesId)
    .where(seenBy(viewer))
    .orderBy('series_works.position')
    .orderBy('works.id')
    .execute();
  return rows.map((r) => ({ workId: r.work_id, position: r.position }));
}

/** Every work of the series, whatever its state, in series order: for reordering. */
export async function listAllSeriesWorks(db: Db, seriesId: number): Promise<SeriesEntry[]> {
  const rows = await db
    .selectFrom('series_works')
    .select(['work_id', 'position'])
    .where('series_id', '=', seriesId)
    .orderBy('position')
    .orderBy('work_id')
    .execute();
  return rows.map((r) => ({ workId: r.work_id, position: r.position }));
}

export interface SeriesChanges {
  title: string;
  summary: string;
  notes: string;
  isComplete: boolean;
}

export async function updateSeries(db: Db, seriesId: number, changes: SeriesChanges): Promise<void> {
  await db
    .updateTable('series')
    .set({
      title: changes.title,
      summary: changes.summary,
      notes: changes.notes,
      is_complete: changes.isComplete ? 1 : 0,
    })
    .where('id', '=', seriesId)
    .execute();
}

/** Numbers the series' works 1, 2, 3… in the order given, in one transaction. */
export async function renumberSeries(db: Db, seriesId: number, workIds: readonly number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [i, workId] of workIds.entries()) {
      await trx
        .updateTable('series_works')
        .set({ position: i + 1 })
        .where('series_id', '=', seriesId)
        .where('work_id', '=', workId)
        .execute();
    }
  });
}

/** Takes a work out of the series and closes the gap it leaves; false when it was not in it. */
export async function removeSeriesWork(db: Db, seriesId: number, workId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('series_works')
      .where('series_id', '=', seriesId)
      .where('work_id', '=', workId)
      .executeTakeFirst();
    if (!Number(removed.numDeletedRows)) return false;
    const rest = await trx
      .selectFrom('series_works')
      .select('work_id')
      .where('series_id', '=', seriesId)
      .orderBy('position')
      .orderBy('work_id')
      .execute();
    for (const [i, row] of rest.entries()) {
      await trx
        .updateTable('series_works')
        .set({ position: i + 1 })
        .where('series_id', '=', seriesId)
        .where('work_id', '=', row.work_id)
        .execute();
    }
    return true;
  });
}

export interface SeriesPage {
  seriesIds: number[];
  total: number;
}

/**
 * A user's series (owned, or co-created and accepted) that hold at least one work `audience` may see,
 * newest first, one page of them.
 */
export async function listUserSeries(
  db: Db,
  userId: number,
  audience: WorkAudience,
  page: number,
  perPage: number,
): Promise<SeriesPage> {
  const base = db
    .selectFrom('series')
    .where((eb) =>
      eb.or([
        eb('series.owner_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('series_creators')
            .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
            .select('series_creators.id')
            .whereRef('series_creators.series_id', '=', 'series.id')
            .where('series_creators.is_accepted', '=', 1)
            .where('pseuds.user_id', '=', userId),
        ),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('series_works')
          .innerJoin('works', 'works.id', 'series_works.work_id')
          .select('series_works.work_id')
          .whereRef('series_works.series_id', '=', 'series.id')
          .where((w) => listedWorks(w, audience)),
      ),
    );
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    base
      .select('series.id')
      .orderBy('series.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { seriesIds: rows.map((r) => r.id), total: Number(count?.n ?? 0) };
}

/** Series rows by id, in the order given. */
export async function findSeriesMany(db: Db, seriesIds: readonly number[]): Promise<SeriesRecord[]> {
  if (!seriesIds.length) return [];
  const rows = await db
    .selectFrom('series')
    .selectAll()
    .where('id', 'in', [...seriesIds])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return seriesIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [recordOf(row)] : [];
  });
}

/** The works of each series `audience` may see, in order, for a list of series. */
export async function listListedSeriesWorks(
  db: Db,
  seriesIds: readonly number[],
  audience: WorkAudience,
): Promise<Map<number, number[]>> {
  if (!seriesIds.length) return new Map();
  const rows = await db
    .selectFrom('series_works')
    .innerJoin('works', 'works.id', 'series_works.work_id')
    .select(['series_works.series_id', 'series_works.work_id'])
    .where('series_works.series_id', 'in', [...seriesIds])
    .where((eb) => listedWorks(eb, audience))
    .orderBy('series_works.position')
    .orderBy('works.id')
    .execute();
  const bySeries = new Map<number, number[]>();
  for (const r of rows) bySeries.set(r.series_id, [...(bySeries.get(r.series_id) ?? []), r.work_id]);
  return bySeries;
}
