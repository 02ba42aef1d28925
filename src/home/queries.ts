/** What the front page lists: the busiest fandoms of each medium, and the works updated last. */
import type { Db } from '../db/database.ts';
import { GUEST_AUDIENCE, listedWorks, type WorkAudience } from '../visibility/index.ts';

export interface FandomCount {
  name: string;
  works: number;
}

export interface MediumFandoms {
  medium: string;
  fandoms: FandomCount[];
}

/**
 * Each canonical medium with its canonical fandoms that hold the most works a guest may list, most first.
 * Counted for a guest whoever looks, so the front page says the same to everyone.
 */
export async function listTopFandoms(db: Db, perMedium: number): Promise<MediumFandoms[]> {
  const rows = await db
    .selectFrom('tags as m')
    .innerJoin('tag_parents', 'tag_parents.parent_id', 'm.id')
    .innerJoin('tags as f', 'f.id', 'tag_parents.child_id')
    .innerJoin('filter_taggings', 'filter_taggings.tag_id', 'f.id')
    .innerJoin('works', 'works.id', 'filter_taggings.work_id')
    .where('m.kind', '=', 'media')
    .where('m.is_canonical', '=', 1)
    .where('f.kind', '=', 'fandom')
    .where('f.is_canonical', '=', 1)
    .where((eb) => listedWorks(eb, GUEST_AUDIENCE))
    .select((eb) => ['m.name as medium', 'f.name as fandom', eb.fn.countAll<number>().as('works')])
    .groupBy(['m.name', 'f.name'])
    .execute();
  const byMedium = new Map<string, FandomCount[]>();
  for (const row of rows) {
    byMedium.set(row.medium, [...(byMedium.get(row.medium) ?? []), { name: row.fandom, works: Number(row.works) }]);
  }
  return [...byMedium]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([medium, fandoms]) => ({
      medium,
      fandoms: fandoms.sort((a, b) => b.works - a.works || a.name.localeCompare(b.name)).slice(0, perMedium),
    }));
}

/** The ids of the works this audience may list, updated last first. */
export async function listRecentlyUpdatedWorkIds(db: Db, audience: WorkAudience, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .select('works.id')
    .where((eb) => listedWorks(eb, audience))
    .orderBy('works.updated_on', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
