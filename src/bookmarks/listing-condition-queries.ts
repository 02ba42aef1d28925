/**
 * The one set of conditions of the bookmark listings (who may see the item, the listing's scope, the filters,
 * the reader's mutes and blocklist) that the page, the total and the facet counts of listing-queries.ts all ask,
 * with the types a listing is asked in.
 */
import { shownBookmarks, type BookmarkWatcher } from './queries.ts';
import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Tables } from '../db/database.ts';
import type { Blocklist } from '../search/plan.ts';
import { listedBookmarkItemsJoined, listedWorks, showsCreators, type WorkAudience } from '../visibility/index.ts';

/** Tag kinds every work has one of: no facet counts them. */
export const FIXED_KINDS = ['rating', 'warning', 'category'] as const;

export type BookmarkSort = 'bookmarked' | 'item-date';

/** Which bookmarks a page lists before filters. */
export interface BookmarkScope {
  workId?: number;
  seriesId?: number;
  externalWorkId?: number;
  tagId?: number;
  userId?: number;
  listId?: number;
}

export interface BookmarkFilters {
  /** Filter tags the item must carry, all of them. */
  itemTagIds: number[];
  ratings: string[];
  /** Bookmarker's tags the bookmark must carry, all of them (as typed). */
  bookmarkerTags: string[];
  recOnly: boolean;
  withNotes: boolean;
  sort: BookmarkSort;
  page: number;
}

export const NO_FILTERS: BookmarkFilters = Object.freeze({
  itemTagIds: [],
  ratings: [],
  bookmarkerTags: [],
  recOnly: false,
  withNotes: false,
  sort: 'bookmarked',
  page: 1,
}) as BookmarkFilters;

export interface BookmarkListingAsk {
  scope: BookmarkScope;
  filters: BookmarkFilters;
  /** Who is looking: the items they may see. */
  audience: WorkAudience;
  /** The owner on their own bookmarks or list: private bookmarks, and bookmarks of items gone from view. */
  isOwner: boolean;
  /** The reader's mutes and blocklist (bookmarks by muted people; works the blocklist hides). */
  hides: Blocklist | null;
  /** Who is looking, for bookmarks a moderator hid (queries.ts `shownBookmarks`); absent: they see none. */
  watcher?: BookmarkWatcher;
}

/** Conditions read the bookmark (`b`) and its work (`w`, left-joined on the bookmark's work_id). */
export type Eb = ExpressionBuilder<Tables & { b: Tables['bookmarks']; w: Tables['works'] }, 'b' | 'w'>;

/** Bookmarks whose item carries the filter tag. */
function itemHasTag(eb: Eb, tagId: number, audience: WorkAudience): Expression<SqlBool> {
  return eb.or([
    eb('b.work_id', 'in', eb.selectFrom('filter_taggings').select('work_id').where('tag_id', '=', tagId)),
    eb(
      'b.series_id',
      'in',
      eb
        .selectFrom('series_works as sw')
        .innerJoin('works as sww', 'sww.id', 'sw.work_id')
        .innerJoin('filter_taggings as sft', 'sft.work_id', 'sw.work_id')
        .select('sw.series_id')
        .where('sft.tag_id', '=', tagId)
        .where((inner) => listedWorks(inner, audience, 'sww')),
    ),
    eb(
      'b.external_work_id',
      'in',
      eb
        .selectFrom('external_work_tags as xt')
        .innerJoin('tags as xtt', 'xtt.id', 'xt.tag_id')
        .select('xt.external_work_id')
        .where((inner) => inner.or([inner('xt.tag_id', '=', tagId), inner('xtt.synonym_of_id', '=', tagId)])),
    ),
  ]);
}

function itemHasRating(eb: Eb, ratings: string[], audience: WorkAudience): Expression<SqlBool> {
  return eb.or([
    // The joined work's own rating (null for a series or an external work).
    eb('w.rating', 'in', ratings),
    eb.and([
      eb('b.series_id', 'is not', null),
      eb.exists(
        eb
          .selectFrom('series_works as sw')
          .innerJoin('works as sww', 'sww.id', 'sw.work_id')
          .select('sw.series_id')
          .whereRef('sw.series_id', '=', 'b.series_id')
          .where('sww.rating', 'in', ratings)
          .where((inner) => listedWorks(inner, audience, 'sww')),
      ),
    ]),
    eb.exists(
      eb
        .selectFrom('external_works as rx')
        .select('rx.id')
        .whereRef('rx.id', '=', 'b.external_work_id')
        .where('rx.rating', 'in', ratings),
    ),
  ]);
}

/** What the reader's blocklist and mutes hide: bookmarks by muted people, and works it would hide in a work listing. */
function hideConditions(eb: Eb, hides: Blocklist): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  if (hides.userIds.length) {
    all.push(eb('b.user_id', 'not in', hides.userIds));
    const byBlocked = eb
      .selectFrom('creatorships as c')
      .innerJoin('pseuds as cp', 'cp.id', 'c.pseud_id')
      .innerJoin('works as cw', 'cw.id', 'c.work_id')
      .select('c.work_id')
      .where('c.is_accepted', '=', 1)
      .where('cp.user_id', 'in', hides.userIds)
      .where((inner) => showsCreators(inner, 'cw'));
    all.push(eb.or([eb('b.work_id', 'is', null), eb('b.work_id', 'not in', byBlocked)]));
  }
  for (const source of ['filter_tags', 'taggings'] as const) {
    const ids = hides.tags.filter((t) => t.through === source).map((t) => t.tagId);
    if (!ids.length) continue;
    const table = source === 'filter_tags' ? 'filter_taggings' : 'taggings';
    const blocked = eb.selectFrom(table).select('work_id').where('tag_id', 'in', ids);
    all.push(eb.or([eb('b.work_id', 'is', null), eb('b.work_id', 'not in', blocked)]));
  }
  if (hides.workIds.length) all.push(eb.or([eb('b.work_id', 'is', null), eb('b.work_id', 'not in', hides.workIds)]));
  return all;
}

export function conditions(eb: Eb, ask: BookmarkListingAsk, skip: 'none' | 'ratings' = 'none'): Expression<SqlBool> {
  const { scope, filters, audience } = ask;
  const all: Expression<SqlBool>[] = [];
  if (!ask.isOwner) all.push(eb('b.is_private', '=', 0));
  if (scope.workId !== undefined) all.push(eb('b.work_id', '=', scope.workId));
  if (scope.seriesId !== undefined) all.push(eb('b.series_id', '=', scope.seriesId));
  if (scope.externalWorkId !== undefined) all.push(eb('b.external_work_id', '=', scope.externalWorkId));
  if (scope.userId !== undefined) all.push(eb('b.user_id', '=', scope.userId));
  if (scope.tagId !== undefined) all.push(itemHasTag(eb, scope.tagId, audience));
  if (scope.listId !== undefined)
    all.push(
      eb('b.id', 'in', eb.selectFrom('bookmark_list_items').select('bookmark_id').where('list_id', '=', scope.listId)),
    );
  for (const tagId of filters.itemTagIds) all.push(itemHasTag(eb, tagId, audience));
  if (filters.ratings.length && skip !== 'ratings') all.push(itemHasRating(eb, filters.ratings, audience));
  for (const name of filters.bookmarkerTags)
    all.push(eb('b.id', 'in', eb.selectFrom('bookmark_tags').select('bookmark_id').where('name', '=', name)));
  if (filters.recOnly) all.push(eb('b.is_rec', '=', 1));
  if (filters.withNotes) all.push(eb('b.notes', '!=', ''));
  if (ask.hides) all.push(...hideConditions(eb, ask.hides));
  all.push(shownBookmarks(eb, ask.watcher ?? { viewerId: null, seesHidden: false }));
  // Whether the audience may see the item comes last: SQLite asks the conditions in order, and the filters
  // before it (a flag, a rating) leave it fewer bookmarks to look up.
  if (!ask.isOwner) all.push(listedBookmarkItemsJoined(eb, audience, 'b', 'w'));
  return eb.and(all);
}
