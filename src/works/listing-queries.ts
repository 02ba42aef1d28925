/**
 * Works listings' shared pieces: the filter a listing starts from (its
 * audience decides, through src/visibility, which works it may show), blurbs loaded in batch (six queries), and a user page's works per pseud.
 * Pages of filtered, sorted listings come from src/search.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db, Tables } from '../db/database.ts';
import { listedWorks, ownDrafts, type WorkAudience } from '../visibility/index.ts';
import {
  emptyTags,
  loadCollectionRefs,
  loadCreators,
  loadGifts,
  loadSeriesRefs,
  loadTags,
  selectWorksWithLanguage,
  workFactsOf,
  type CollectionRef,
  type CreatorRef,
  type GiftRef,
  type SeriesRef,
  type TagsByField,
  type WorkFacts,
} from './work-parts-queries.ts';

export const WORKS_PER_PAGE = 20;

/** What a listing holds: the works its audience may see (src/visibility), narrowed by these. */
export interface WorkFilter extends WorkAudience {
  /** Works carrying this tag (a tagging in any field). */
  tagId?: number;
  /** Works a filter on this canonical tag finds (filter_taggings: its synonyms, sub tags, inferred fandoms). */
  filterTagId?: number;
  /** Works with this rating (ratings are a column, not taggings). */
  rating?: string;
  /** Works with an accepted creatorship by any of these pseuds. */
  pseudIds?: readonly number[];
}

export interface WorkBlurb extends WorkFacts {
  creators: CreatorRef[];
  tags: TagsByField;
  gifts: GiftRef[];
  /** The series the work is part of ("Part 2 of Lantern Road"). */
  series: SeriesRef[];
  /** The collections it is approved into ("Collections: Harbour Fest, Lantern Zine"). */
  collections: CollectionRef[];
}

export interface WorksPage {
  blurbs: WorkBlurb[];
  total: number;
  page: number;
  pageCount: number;
}

function listingWhere(filter: WorkFilter) {
  return (eb: ExpressionBuilder<Tables, 'works'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [listedWorks(eb, filter)];
    if (filter.rating) conditions.push(eb('works.rating', '=', filter.rating));
    if (filter.tagId !== undefined) {
      const tagId = filter.tagId;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('taggings')
            .select('taggings.work_id')
            .whereRef('taggings.work_id', '=', 'works.id')
            .where('taggings.tag_id', '=', tagId),
        ),
      );
    }
    if (filter.filterTagId !== undefined) {
      const filterTagId = filter.filterTagId;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('filter_taggings')
            .select('filter_taggings.work_id')
            .whereRef('filter_taggings.work_id', '=', 'works.id')
            .where('filter_taggings.tag_id', '=', filterTagId),
        ),
      );
    }
    if (filter.pseudIds) {
      const pseudIds = [...filter.pseudIds];
      conditions.push(
        eb.exists(
          eb
            .selectFrom('creatorships')
            .select('creatorships.work_id')
            .whereRef('creatorships.work_id', '=', 'works.id')
            .where('creatorships.pseud_id', 'in', pseudIds)
            .where('creatorships.is_accepted', '=', 1),
        ),
      );
    }
    return eb.and(conditions);
  };
}

/** Blurbs for the given works, in the order given: six queries however many works. */
export async function loadBlurbs(db: Db, workIds: readonly number[]): Promise<WorkBlurb[]> {
  if (!workIds.length) return [];
  const rows = await selectWorksWithLanguage(db)
    .where('works.id', 'in', [...workIds])
    .execute();
  const [creators, tags, gifts, series, collections] = await Promise.all([
    loadCreators(db, workIds),
    loadTags(db, workIds),
    loadGifts(db, workIds),
    loadSeriesRefs(db, workIds),
    loadCollectionRefs(db, workIds),
  ]);
  const byId = new Map(rows.map((w) => [w.id, w]));
  return workIds.flatMap((id) => {
    const w = byId.get(id);
    if (!w) return [];
    const facts = workFactsOf(w);
    return [
      {
        ...facts,
        creators: creators.get(id) ?? [],
        tags: tags.get(id) ?? emptyTags(),
        gifts: gifts.get(id) ?? [],
        // A blurb shows "Anonymous" for a work that conceals its creators; their series would name them.
        series: facts.isAnonymous ? [] : (series.get(id) ?? []),
        collections: collections.get(id) ?? [],
      },
    ];
  });
}

export interface WorksByPseud {
  /** How many listable works each pseud has. */
  counts: Map<number, number>;
  /** The most recent few of each pseud's works, as blurbs. */
  recent: Map<number, WorkBlurb[]>;
}

/** For a user page: each pseud's work count and its `perPseud` latest works, in three queries plus the blurbs. */
export async function listRecentWorksByPseud(
  db: Db,
  pseudIds: readonly number[],
  filter: WorkFilter,
  perPseud: number,
): Promise<WorksByPseud> {
  if (!pseudIds.length) return { counts: new Map(), recent: new Map() };
  const where = listingWhere(filter);
  const base = db
    .selectFrom('creatorships')
    .innerJoin('works', 'works.id', 'creatorships.work_id')
    .where('creatorships.pseud_id', 'in', [...pseudIds])
    .where('creatorships.is_accepted', '=', 1)
    .where(where);
  const counts = await base
    .select((eb) => ['creatorships.pseud_id', eb.fn.countAll().as('n')])
    .groupBy('creatorships.pseud_id')
    .execute();
  const ranked = base.select((eb) => [
    'creatorships.pseud_id',
    'works.id as work_id',
    eb.fn
      .agg<number>('row_number')
      .over((over) =>
        over
          .partitionBy('creatorships.pseud_id')
          .orderBy('works.updated_on', (ob) => ob.desc().nullsLast())
          .orderBy('works.id', 'desc'),
      )
      .as('rank'),
  ]);
  const top = await db
    .selectFrom(ranked.as('ranked'))
    .select(['ranked.pseud_id', 'ranked.work_id'])
    .where('ranked.rank', '<=', perPseud)
    .orderBy('ranked.pseud_id')
    .orderBy('ranked.rank')
    .execute();
  const blurbs = new Map((await loadBlurbs(db, [...new Set(top.map((r) => r.work_id))])).map((b) => [b.id, b]));
  const recent = new Map<number, WorkBlurb[]>();
  for (const row of top) {
    const blurb = blurbs.get(row.work_id);
    if (row.pseud_id === null || !blurb) continue;
    recent.set(row.pseud_id, [...(recent.get(row.pseud_id) ?? []), blurb]);
  }
  return {
    counts: new Map(counts.flatMap((r) => (r.pseud_id === null ? [] : [[r.pseud_id, Number(r.n)]]))),
    recent,
  };
}

/** A user's draft works (by any of their pseuds), newest first: for their own page only. */
export async function listDraftWorks(
  db: Db,
  pseudIds: readonly number[],
): Promise<Array<{ id: number; title: string; createdAt: string }>> {
  if (!pseudIds.length) return [];
  const rows = await db
    .selectFrom('works')
    .select(['works.id', 'works.title', 'works.created_at'])
    .where((eb) => ownDrafts(eb))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('creatorships')
          .select('creatorships.work_id')
          .whereRef('creatorships.work_id', '=', 'works.id')
          .where('creatorships.pseud_id', 'in', [...pseudIds])
          .where('creatorships.is_accepted', '=', 1),
      ),
    )
    .orderBy('works.created_at', 'desc')
    .orderBy('works.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at }));
}
