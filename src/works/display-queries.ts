/**
 * Loading works for display: one work with everything its page shows
 * (`loadWorkForDisplay`), kept free of viewer rules so that downloads and the
 * API reuse it; callers decide what a viewer may see (drafts, restricted).
 */
import type { Relation } from './works.table.ts';
import type { Db } from '../db/database.ts';
import {
  emptyTags,
  groupBy,
  loadCollectionRefs,
  loadCreators,
  loadGifts,
  loadTags,
  selectWorksWithLanguage,
  workFactsOf,
  type CollectionRef,
  type CreatorRef,
  type GiftRef,
  type TagsByField,
  type WorkFacts,
} from './work-parts-queries.ts';
import {
  isListedFor,
  listedWorks,
  MEMBER_AUDIENCE,
  type WorkAudience,
  type WorkStateRow,
  withCreatorsNamed,
} from '../visibility/index.ts';

export type { CreatorRef, GiftRef, TagRef, TagsByField } from './work-parts-queries.ts';

export interface ChapterForDisplay {
  id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
  wordCount: number;
  isPosted: boolean;
  publishedOn: string | null;
}

/** Where a work sits in one series, with its posted neighbours there. */
export interface SeriesPlace {
  seriesId: number;
  title: string;
  position: number;
  previous: { id: number; title: string } | null;
  next: { id: number; title: string } | null;
}

/** A work this one is related to: here (by id) or elsewhere (by URL). */
export interface ParentWork {
  relation: Relation;
  /** A work on this archive; null for an external one. */
  workId: number | null;
  url: string | null;
  title: string;
  creators: CreatorRef[];
  /** An external creator's name as typed. */
  creatorName: string;
  /** False when the parent here is a draft or hidden: show no link. */
  isVisible: boolean;
  /** Only logged-in readers may read it: a guest sees neither its title nor its creators. */
  isRestricted: boolean;
}

/** An approved work related to this one ("works inspired by this one"). */
export interface ChildWork {
  relation: Relation;
  workId: number;
  title: string;
  creators: CreatorRef[];
  isRestricted: boolean;
  isAnonymous: boolean;
}

export interface WorkForDisplay extends WorkFacts {
  notes: string;
  endNotes: string;
  completedOn: string | null;
  stats: WorkFacts['stats'] & { downloads: number };
  sourceRef: string | null;
  revisedAt: string;
  creators: CreatorRef[];
  tags: TagsByField;
  /** Every chapter, drafts included, in reading order: callers pick what the viewer may see. */
  chapters: ChapterForDisplay[];
  series: SeriesPlace[];
  parents: ParentWork[];
  children: ChildWork[];
  gifts: GiftRef[];
  /** The collections it is approved into. */
  collections: CollectionRef[];
}

async function loadSeriesPlaces(db: Db, workId: number, audience: WorkAudience): Promise<SeriesPlace[]> {
  const places = await db
    .selectFrom('series_works')
    .innerJoin('series', 'series.id', 'series_works.series_id')
    .select(['series.id', 'series.title', 'series_works.position'])
    .where('series_works.work_id', '=', workId)
    .orderBy('series.id')
    .execute();
  if (!places.length) return [];
  // Neighbours are the nearest works this reader may see: a draft is no one's "next work", nor is a work
  // whose creators are concealed (its place in its creators' series would name them).
  const members = await db
    .selectFrom('series_works')
    .innerJoin('works', 'works.id', 'series_works.work_id')
    .select(['series_works.series_id', 'series_works.position', 'works.id', 'works.title'])
    .where(
      'series_works.series_id',
      'in',
      places.map((p) => p.id),
    )
    .where((eb) => listedWorks(eb, withCreatorsNamed(audience)))
    .where('works.id', '!=', workId)
    .orderBy('series_works.position')
    .orderBy('works.id')
    .execute();
  const bySeries = groupBy(members, (m) => m.series_id);
  return places.map((place) => {
    const others = bySeries.get(place.id) ?? [];
    const before = others.filter(
      (m) => m.position < place.position || (m.position === place.position && m.id < workId),
    );
    const after = others.filter((m) => !before.includes(m));
    const pick = (m: (typeof others)[number] | undefined) => (m ? { id: m.id, title: m.title } : null);
    return {
      seriesId: place.id,
      title: place.title,
      position: place.position,
      previous: pick(before.at(-1)),
      next: pick(after[0]),
    };
  });
}

/** A left-joined parent's state columns (null when the parent is gone, which no one may see). */
function parentStates(r: {
  status: WorkStateRow['status'] | null;
  is_hidden: number | null;
  is_held: number | null;
  is_restricted: number | null;
  is_anonymous: number | null;
  is_unrevealed: number | null;
  deleted_at: string | null;
  is_news: number | null;
}): WorkStateRow {
  return {
    status: r.status ?? 'draft',
    is_hidden: r.is_hidden ?? 0,
    is_held: r.is_held ?? 0,
    is_restricted: r.is_restricted ?? 0,
    is_anonymous: r.is_anonymous ?? 0,
    is_unrevealed: r.is_unrevealed ?? 0,
    deleted_at: r.deleted_at,
    is_news: r.is_news ?? 0,
  };
}

async function loadRelations(
  db: Db,
  workId: number,
  audience: WorkAudience,
): Promise<{ parents: ParentWork[]; children: ChildWork[] }> {
  const parentRows = await db
    .selectFrom('related_works')
    .leftJoin('works as parent', 'parent.id', 'related_works.parent_work_id')
    .select([
      'related_works.relation',
      'related_works.parent_work_id',
      'related_works.parent_url',
      'related_works.parent_title',
      'related_works.parent_creator',
      'parent.title as title',
      'parent.status',
      'parent.is_hidden',
      'parent.is_held',
      'parent.is_restricted',
      'parent.is_anonymous',
      'parent.is_unrevealed',
      'parent.deleted_at',
      'parent.is_news',
    ])
    .where('related_works.work_id', '=', workId)
    .orderBy('related_works.id')
    .execute();
  const childRows = await db
    .selectFrom('related_works')
    .innerJoin('works as child', 'child.id', 'related_works.work_id')
    .select(['related_works.relation', 'child.id', 'child.title', 'child.is_restricted', 'child.is_anonymous'])
    .where('related_works.parent_work_id', '=', workId)
    .where('related_works.is_approved', '=', 1)
    .where((eb) => listedWorks(eb, audience, 'child'))
    .orderBy('related_works.id')
    .execute();
  const creators = await loadCreators(db, [
    ...parentRows.flatMap((r) => (r.parent_work_id ? [r.parent_work_id] : [])),
    ...childRows.map((r) => r.id),
  ]);
  return {
    parents: parentRows.map((r) => ({
      relation: r.relation,
      workId: r.parent_work_id,
      url: r.parent_url,
      title: r.title ?? r.parent_title,
      creators: r.parent_work_id ? (creators.get(r.parent_work_id) ?? []) : [],
      creatorName: r.parent_creator,
      // A parent here exists for members when listed for them; whether this reader may open it is the page's to say.
      isVisible: r.parent_work_id ? isListedFor(MEMBER_AUDIENCE, parentStates(r)) : true,
      isRestricted: r.is_restricted === 1,
    })),
    children: childRows.map((r) => ({
      relation: r.relation,
      workId: r.id,
      title: r.title,
      creators: creators.get(r.id) ?? [],
      isRestricted: r.is_restricted === 1,
      isAnonymous: r.is_anonymous === 1,
    })),
  };
}

/**
 * The work as a reader from whom its creators are concealed sees it (`hidesCreatorsFrom`): without the
 * creators' series too, whose page and other parts would name them.
 */
export function withoutCreatorsTrail(work: WorkForDisplay): WorkForDisplay {
  return { ...work, series: [] };
}

/**
 * One work with everything its page shows, or undefined when there is no such work. Whether the
 * viewer may read the work itself is asked before; the works it links to (series neighbours, works
 * inspired by it) are those `audience` may see.
 */
export async function loadWorkForDisplay(
  db: Db,
  workId: number,
  audience: WorkAudience,
): Promise<WorkForDisplay | undefined> {
  const work = await selectWorksWithLanguage(db).where('works.id', '=', workId).executeTakeFirst();
  if (!work) return undefined;
  const [creators, tags, gifts, chapters, series, relations, collections] = await Promise.all([
    loadCreators(db, [workId]),
    loadTags(db, [workId]),
    loadGifts(db, [workId]),
    db.selectFrom('chapters').selectAll().where('work_id', '=', workId).orderBy('position').orderBy('id').execute(),
    loadSeriesPlaces(db, workId, audience),
    loadRelations(db, workId, audience),
    loadCollectionRefs(db, [workId]),
  ]);
  const facts = workFactsOf(work);
  return {
    ...facts,
    notes: work.notes,
    endNotes: work.end_notes,
    completedOn: work.completed_on,
    stats: { ...facts.stats, downloads: work.downloads_count },
    sourceRef: work.source_ref,
    revisedAt: work.revised_at,
    creators: creators.get(workId) ?? [],
    tags: tags.get(workId) ?? emptyTags(),
    chapters: chapters.map((ch) => ({
      id: ch.id,
      position: ch.position,
      title: ch.title,
      summary: ch.summary,
      notes: ch.notes,
      endNotes: ch.end_notes,
      body: ch.body,
      wordCount: ch.word_count,
      isPosted: ch.is_posted === 1,
      publishedOn: ch.published_on,
    })),
    series,
    gifts: gifts.get(workId) ?? [],
    collections: collections.get(workId) ?? [],
    ...relations,
  };
}
