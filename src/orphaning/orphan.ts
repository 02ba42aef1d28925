/**
 * Orphaning, as AO3 does it: a person's part of works (one, several, a
 * series' or a pseud's) is credited to the archive's orphan account, keeping
 * their pseud's name on the byline ("orphan_account (NAME)") or not. Only
 * their part moves, so co-creators keep theirs. It is permanent: nothing
 * records who the orphaned part belonged to. Comments they left stay theirs.
 * One transaction per request.
 */
import type { Db } from '../db/database.ts';
import {
  bylineChanged,
  findCreatorshipsOf,
  findOrphanAccount,
  findSeriesCreatorsOf,
  findSeriesWorkIds,
  moveCreatorship,
  moveSeriesCreator,
  orphanPseudNamed,
} from './queries.ts';

export interface OrphanRequest {
  userId: number;
  workIds?: readonly number[];
  seriesIds?: readonly number[];
  pseudIds?: readonly number[];
  /** Keep each pseud's name on the byline as "orphan_account (NAME)". */
  keepName: boolean;
}

/** Orphans what was asked, in the caller's transaction; returns the works whose byline changed. */
export async function orphanInTransaction(trx: Db, request: OrphanRequest): Promise<number[]> {
  const orphan = await findOrphanAccount(trx);
  const target = (name: string) =>
    request.keepName ? orphanPseudNamed(trx, orphan, name) : Promise.resolve(orphan.defaultPseudId);
  const seriesIds = request.seriesIds ?? [];
  const workIds = [...(request.workIds ?? []), ...(await findSeriesWorkIds(trx, seriesIds))];
  const creatorships = [
    ...(await findCreatorshipsOf(trx, request.userId, { workIds })),
    ...(request.pseudIds?.length ? await findCreatorshipsOf(trx, request.userId, { pseudIds: request.pseudIds }) : []),
  ];
  const seen = new Set<number>();
  for (const creatorship of creatorships) {
    if (seen.has(creatorship.id)) continue;
    seen.add(creatorship.id);
    await moveCreatorship(trx, creatorship, await target(creatorship.name));
  }
  const seriesRows = [
    ...(seriesIds.length ? await findSeriesCreatorsOf(trx, request.userId, { seriesIds }) : []),
    ...(request.pseudIds?.length
      ? await findSeriesCreatorsOf(trx, request.userId, { pseudIds: request.pseudIds })
      : []),
  ];
  const seenSeries = new Set<number>();
  for (const row of seriesRows) {
    if (seenSeries.has(row.id)) continue;
    seenSeries.add(row.id);
    await moveSeriesCreator(trx, row, await target(row.name));
  }
  const changed = [...new Set(creatorships.map((c) => c.work_id))];
  await bylineChanged(trx, changed);
  return changed;
}

export function orphan(db: Db, request: OrphanRequest): Promise<number[]> {
  return db.transaction().execute((trx) => orphanInTransaction(trx, request));
}
