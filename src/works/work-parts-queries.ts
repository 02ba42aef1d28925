/**
 * The parts of works that every display shares — creators, tags by field,
 * gifts — loaded for many works at once: one query per kind of row, never one
 * per work, so a page of twenty blurbs costs the same few queries as one.
 */
import type { Db } from '../db/database.ts';
import type { TagField } from '../tags/tags.table.ts';
import type { Work, WorkStatus } from './works.table.ts';
import { concealsCreators, statesOf, type WorkState } from '../visibility/index.ts';

/** A creator as readers see them: a pseud of a user here, or an imported name with no account. */
export interface CreatorRef {
  pseudId: number | null;
  /** The pseud's name, or the imported creator's name. */
  name: string;
  /** The user owning the pseud; null for an imported creator. */
  username: string | null;
  /** The pseud's icon (migration 0052), where the loader reads it: the work page's byline shows it. */
  icon?: { icon_file: string | null; icon_alt: string | null };
}

export interface TagRef {
  id: number;
  name: string;
}

export type TagsByField = Record<TagField, TagRef[]>;

export interface GiftRef {
  recipientName: string;
  /** Set when the recipient is a pseud here (for the link). */
  recipient: CreatorRef | null;
}

/** What every display of a work shows from the work's own row and language; creators, tags and gifts load beside it. */
export interface WorkFacts {
  id: number;
  title: string;
  summary: string;
  rating: string;
  status: WorkStatus;
  isRestricted: boolean;
  isHidden: boolean;
  isAnonymous: boolean;
  /** Every visibility state the work is in (src/visibility). */
  states: WorkState[];
  language: { code: string; name: string };
  /** null: the expected total is unknown ("?"). */
  expectedChapters: number | null;
  postedChapters: number;
  wordCount: number;
  isComplete: boolean;
  publishedOn: string | null;
  updatedOn: string | null;
  /** When the work last changed in any way (an ISO time): feeds date their entries by it. */
  revisedAt: string;
  stats: { hits: number; kudos: number; comments: number; bookmarks: number };
}

/** Works rows with their language's code and name, for `workFactsOf`; the caller says which works. */
export function selectWorksWithLanguage(db: Db) {
  return db
    .selectFrom('works')
    .innerJoin('languages', 'languages.id', 'works.language_id')
    .selectAll('works')
    .select(['languages.code as language_code', 'languages.name as language_name']);
}

export function workFactsOf(work: Work & { language_code: string; language_name: string }): WorkFacts {
  return {
    id: work.id,
    title: work.title,
    summary: work.summary,
    rating: work.rating,
    status: work.status,
    isRestricted: work.is_restricted === 1,
    isHidden: work.is_hidden === 1,
    // An unrevealed work's creators are concealed as an anonymous one's are.
    isAnonymous: concealsCreators(work),
    states: statesOf(work),
    language: { code: work.language_code, name: work.language_name },
    expectedChapters: work.expected_chapters,
    postedChapters: work.posted_chapters,
    wordCount: work.word_count,
    isComplete: work.is_complete === 1,
    publishedOn: work.published_on,
    updatedOn: work.updated_on,
    revisedAt: work.revised_at,
    stats: { hits: work.hits, kudos: work.kudos_count, comments: work.comments_count, bookmarks: work.bookmarks_count },
  };
}

const TAG_FIELDS: readonly TagField[] = ['warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

export function emptyTags(): TagsByField {
  return Object.fromEntries(TAG_FIELDS.map((field) => [field, []])) as unknown as TagsByField;
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Accepted creators of each work, in creatorship order. */
export async function loadCreators(db: Db, workIds: readonly number[]): Promise<Map<number, CreatorRef[]>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('creatorships')
    .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .leftJoin('users', 'users.id', 'pseuds.user_id')
    .select([
      'creatorships.work_id',
      'creatorships.pseud_id',
      'creatorships.external_name',
      'pseuds.name as pseud_name',
      'pseuds.icon_file',
      'pseuds.icon_alt',
      'users.username',
    ])
    .where('creatorships.work_id', 'in', [...new Set(workIds)])
    .where('creatorships.is_accepted', '=', 1)
    .orderBy('creatorships.work_id')
    .orderBy('creatorships.position')
    .orderBy('creatorships.id')
    .execute();
  const byWork = new Map<number, CreatorRef[]>();
  for (const row of rows) {
    const name = row.pseud_name ?? row.external_name;
    // A pseud deleted since leaves a creatorship with neither: nothing to show.
    if (!name) continue;
    const list = byWork.get(row.work_id) ?? [];
    list.push({
      pseudId: row.pseud_name ? row.pseud_id : null,
      name,
      username: row.username ?? null,
      ...(row.icon_file ? { icon: { icon_file: row.icon_file, icon_alt: row.icon_alt } } : {}),
    });
    byWork.set(row.work_id, list);
  }
  return byWork;
}

/** Each work's tags grouped by the field they were typed into, in the writer's order. */
export async function loadTags(db: Db, workIds: readonly number[]): Promise<Map<number, TagsByField>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('taggings')
    .innerJoin('tags', 'tags.id', 'taggings.tag_id')
    .select(['taggings.work_id', 'taggings.field', 'taggings.position', 'tags.id', 'tags.name'])
    .where('taggings.work_id', 'in', [...new Set(workIds)])
    .orderBy('taggings.work_id')
    .orderBy('taggings.position')
    .orderBy('tags.id')
    .execute();
  const byWork = new Map<number, TagsByField>();
  for (const row of rows) {
    let tags = byWork.get(row.work_id);
    if (!tags) byWork.set(row.work_id, (tags = emptyTags()));
    tags[row.field]?.push({ id: row.id, name: row.name });
  }
  return byWork;
}

/** Gifts each work was given and not refused. */
export async function loadGifts(db: Db, workIds: readonly number[]): Promise<Map<number, GiftRef[]>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('gifts')
    .leftJoin('pseuds', 'pseuds.id', 'gifts.recipient_pseud_id')
    .leftJoin('users', 'users.id', 'pseuds.user_id')
    .select([
      'gifts.work_id',
      'gifts.recipient_name',
      'pseuds.id as pseud_id',
      'pseuds.name as pseud_name',
      'users.username',
    ])
    .where('gifts.work_id', 'in', [...new Set(workIds)])
    .where('gifts.is_refused', '=', 0)
    .orderBy('gifts.id')
    .execute();
  const grouped = groupBy(rows, (r) => r.work_id);
  return new Map(
    [...grouped].map(([workId, list]) => [
      workId,
      list.map((r) => ({
        recipientName: r.pseud_name ?? r.recipient_name,
        recipient:
          r.pseud_id && r.pseud_name ? { pseudId: r.pseud_id, name: r.pseud_name, username: r.username ?? null } : null,
      })),
    ]),
  );
}

/** A series a work is part of, as a blurb names it: "Part 2 of Lantern Road". */
export interface SeriesRef {
  seriesId: number;
  title: string;
  position: number;
}

/** The series each work is in, oldest series first. */
export async function loadSeriesRefs(db: Db, workIds: readonly number[]): Promise<Map<number, SeriesRef[]>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('series_works')
    .innerJoin('series', 'series.id', 'series_works.series_id')
    .select(['series_works.work_id', 'series.id', 'series.title', 'series_works.position'])
    .where('series_works.work_id', 'in', [...new Set(workIds)])
    .orderBy('series.id')
    .execute();
  const grouped = groupBy(rows, (r) => r.work_id);
  return new Map(
    [...grouped].map(([workId, list]) => [
      workId,
      list.map((r) => ({ seriesId: r.id, title: r.title, position: r.position })),
    ]),
  );
}

/** A collection a work is in, as its blurb names it. */
export interface CollectionRef {
  name: string;
  title: string;
}

/** The collections each work is approved into ("Collections: …" on its blurb), by title. */
export async function loadCollectionRefs(db: Db, workIds: readonly number[]): Promise<Map<number, CollectionRef[]>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('collection_items')
    .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
    .select(['collection_items.work_id', 'collections.name', 'collections.title'])
    .where('collection_items.work_id', 'in', [...new Set(workIds)])
    .where('collection_items.status', '=', 'approved')
    .orderBy('collections.title')
    .execute();
  const grouped = groupBy(rows, (r) => r.work_id);
  return new Map([...grouped].map(([workId, list]) => [workId, list.map((r) => ({ name: r.name, title: r.title }))]));
}
