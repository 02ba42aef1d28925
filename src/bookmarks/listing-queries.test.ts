/**
 * The bookmark listings' SQL against a brute-force answer: every bookmark loaded, each item's rating, filter
 * tags and visibility worked out in memory (visibility's per-row answer), then filtered, sorted, paged and
 * counted here — for several scopes, filters, sorts, audiences and a mute.
 */
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { makeSeries } from '../series/series.test-helper.ts';
import { findTagByName } from '../tags/queries.ts';
import { GUEST_AUDIENCE, isListedFor, MEMBER_AUDIENCE, type WorkAudience } from '../visibility/index.ts';
import { insertExternalWork } from './external-queries.ts';
import {
  BOOKMARKS_PER_PAGE,
  countBookmarkFacets,
  listBookmarks,
  NO_FILTERS,
  type BookmarkFilters,
  type BookmarkListingAsk,
} from './listing-queries.ts';
import { insertBookmark, type BookmarkItem } from './queries.ts';

const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature'] as const;
const FREEFORMS = ['Tea', 'Rain', 'Bees', 'Maps'];
const OWN_TAGS = ['cozy', 'reread', 'sad'];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

forEachDatabase('bookmark listings against brute force', (t) => {
  let writers: User[];
  let bookmarkers: User[];
  let seriesIds: number[];

  beforeEach(async () => {
    const rand = random(7);
    writers = [await makeUser(t.db), await makeUser(t.db)];
    bookmarkers = [];
    for (let i = 0; i < 5; i++) bookmarkers.push(await makeUser(t.db));
    const items: BookmarkItem[] = [];
    for (let i = 0; i < 9; i++) {
      const id = await makeWork(t.db, writers[i % 2], {
        title: `Work ${i}`,
        rating: RATINGS[i % 3],
        fandoms: [i % 2 ? 'Original Work' : 'Harbour Tales'],
        freeforms: FREEFORMS.filter((_, k) => (i >> k) & 1),
        publishedOn: `2025-0${1 + (i % 9)}-1${i % 10}`,
      });
      items.push({ kind: 'work', id });
    }
    seriesIds = [];
    for (let i = 0; i < 2; i++) {
      const series = await makeSeries(t.db, writers[i], `Series ${i}`, [
        { rating: RATINGS[i], freeforms: [FREEFORMS[i]] },
        { rating: RATINGS[2], freeforms: ['Bees'], fandoms: ['Harbour Tales'] },
      ]);
      seriesIds.push(series.seriesId);
      items.push({ kind: 'series', id: series.seriesId });
      // The second work of the second series is restricted: a guest's view of that series lacks its tags.
      if (i === 1)
        await t.db.updateTable('works').set({ is_restricted: 1 }).where('id', '=', series.workIds[1]).execute();
    }
    for (let i = 0; i < 2; i++) {
      const id = await insertExternalWork(
        t.db,
        {
          url: `https://elsewhere.example/${i}`,
          title: `Elsewhere ${i}`,
          creator: 'Far Writer',
          rating: RATINGS[i + 1],
          summary: '',
          tags: { fandoms: ['Harbour Tales'], relationships: [], characters: [], freeforms: [FREEFORMS[i + 2]] },
        },
        bookmarkers[0].id,
      );
      items.push({ kind: 'external', id });
    }
    let minute = 0;
    for (const user of bookmarkers) {
      const pseud = await findDefaultPseud(t.db, user.id);
      for (const item of items) {
        if (rand() < 0.4) continue;
        minute += 1 + Math.floor(rand() * 3);
        await insertBookmark(
          t.db,
          {
            item,
            pseudId: pseud.id,
            userId: user.id,
            notes: rand() < 0.5 ? '' : '<p>Worth it.</p>',
            isRec: rand() < 0.3,
            isPrivate: rand() < 0.2,
            tags: OWN_TAGS.filter(() => rand() < 0.4),
          },
          new Date(Date.UTC(2026, 0, 1, 0, minute)),
        );
      }
    }
    // Wrangled, the fandoms and freeforms become their works' filter tags: what the item-tag filter and facet read.
    await t.db
      .updateTable('tags')
      .set({ is_canonical: 1 })
      .where('name', 'in', [...FREEFORMS, 'Harbour Tales', 'Original Work'])
      .execute();
    const workIds = await t.db.selectFrom('works').select('id').execute();
    await rederiveWorkFilterTags(
      t.db,
      workIds.map((w) => w.id),
    );
    // States set after bookmarking, as a writer or moderator would.
    await t.db.updateTable('works').set({ status: 'draft' }).where('title', '=', 'Work 3').execute();
    await t.db.updateTable('works').set({ is_restricted: 1 }).where('title', '=', 'Work 4').execute();
    await t.db.updateTable('works').set({ deleted_at: '2026-02-01T00:00:00Z' }).where('title', '=', 'Work 5').execute();
  });

  interface Fact {
    id: number;
    userId: number;
    isPrivate: boolean;
    isRec: boolean;
    hasNotes: boolean;
    createdAt: string;
    ownTags: string[];
    listed: boolean;
    ratings: Set<string>;
    itemTags: Set<number>;
    itemDate: string;
    workId: number | null;
    seriesId: number | null;
    byUserIds: number[];
  }

  /** Every bookmark with its item's facts for this audience, worked out in memory. */
  async function facts(audience: WorkAudience): Promise<Fact[]> {
    const works = await t.db.selectFrom('works').selectAll().execute();
    const workById = new Map(works.map((w) => [w.id, w]));
    const filterTags = await t.db
      .selectFrom('filter_taggings')
      .innerJoin('tags', 'tags.id', 'filter_taggings.tag_id')
      .select(['work_id', 'tag_id', 'kind'])
      .execute();
    const tagsOfWork = (id: number) =>
      filterTags
        .filter((f) => f.work_id === id && !['rating', 'warning', 'category'].includes(f.kind))
        .map((f) => f.tag_id);
    const seriesWorks = await t.db.selectFrom('series_works').selectAll().execute();
    const series = await t.db.selectFrom('series').selectAll().execute();
    const externals = await t.db.selectFrom('external_works').selectAll().execute();
    const externalTags = await t.db.selectFrom('external_work_tags').selectAll().execute();
    const ownTags = await t.db.selectFrom('bookmark_tags').selectAll().execute();
    const creators = await t.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['work_id', 'user_id'])
      .execute();
    const rows = await t.db.selectFrom('bookmarks').selectAll().execute();
    return rows.map((b) => {
      const fact: Fact = {
        id: b.id,
        userId: b.user_id,
        isPrivate: !!b.is_private,
        isRec: !!b.is_rec,
        hasNotes: b.notes !== '',
        createdAt: b.created_at,
        ownTags: ownTags.filter((o) => o.bookmark_id === b.id).map((o) => o.name),
        listed: false,
        ratings: new Set(),
        itemTags: new Set(),
        itemDate: '',
        workId: b.work_id,
        seriesId: b.series_id,
        byUserIds: [],
      };
      if (b.work_id !== null) {
        const work = workById.get(b.work_id)!;
        fact.listed = isListedFor(audience, work);
        fact.ratings.add(work.rating);
        for (const tag of tagsOfWork(work.id)) fact.itemTags.add(tag);
        fact.itemDate = work.updated_on ?? work.published_on ?? '';
        fact.byUserIds = creators.filter((c) => c.work_id === work.id).map((c) => c.user_id);
      } else if (b.series_id !== null) {
        const inside = seriesWorks
          .filter((sw) => sw.series_id === b.series_id)
          .map((sw) => workById.get(sw.work_id)!)
          .filter((w) => isListedFor(audience, w));
        fact.listed = inside.length > 0;
        for (const work of inside) {
          fact.ratings.add(work.rating);
          for (const tag of tagsOfWork(work.id)) fact.itemTags.add(tag);
        }
        fact.itemDate = series.find((s) => s.id === b.series_id)!.created_at.slice(0, 10);
      } else {
        const external = externals.find((x) => x.id === b.external_work_id)!;
        fact.listed = true;
        fact.ratings.add(external.rating);
        for (const x of externalTags.filter((x) => x.external_work_id === external.id)) fact.itemTags.add(x.tag_id);
        fact.itemDate = external.created_at.slice(0, 10);
      }
      return fact;
    });
  }

  function bruteForce(all: Fact[], ask: BookmarkListingAsk) {
    const { scope, filters } = ask;
    const muted = ask.hides?.userIds ?? [];
    const matching = all.filter(
      (f) =>
        (ask.isOwner || (!f.isPrivate && f.listed)) &&
        (scope.userId === undefined || f.userId === scope.userId) &&
        (scope.seriesId === undefined || f.seriesId === scope.seriesId) &&
        (scope.tagId === undefined || f.itemTags.has(scope.tagId)) &&
        filters.itemTagIds.every((tag) => f.itemTags.has(tag)) &&
        (!filters.ratings.length || filters.ratings.some((r) => f.ratings.has(r))) &&
        filters.bookmarkerTags.every((tag) => f.ownTags.includes(tag)) &&
        (!filters.recOnly || f.isRec) &&
        (!filters.withNotes || f.hasNotes) &&
        !muted.includes(f.userId) &&
        !f.byUserIds.some((id) => muted.includes(id)),
    );
    matching.sort(
      (a, b) =>
        (filters.sort === 'item-date' ? b.itemDate.localeCompare(a.itemDate) : 0) ||
        b.createdAt.localeCompare(a.createdAt) ||
        b.id - a.id,
    );
    const count = (values: (f: Fact) => Iterable<string | number>) => {
      const counts = new Map<string, number>();
      for (const f of matching)
        for (const v of new Set(values(f))) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      return Object.fromEntries([...counts].sort());
    };
    return {
      page: matching.slice((filters.page - 1) * BOOKMARKS_PER_PAGE, filters.page * BOOKMARKS_PER_PAGE).map((f) => f.id),
      total: matching.length,
      rec: matching.filter((f) => f.isRec).length,
      withNotes: matching.filter((f) => f.hasNotes).length,
      ratings: count((f) => f.ratings),
      itemTags: count((f) => f.itemTags),
      bookmarkerTags: count((f) => f.ownTags),
    };
  }

  const asMap = (facets: { value: string; count: number }[]) =>
    Object.fromEntries(facets.map((f) => [f.value, f.count]).sort());

  it('lists, pages, sorts and counts exactly the bookmarks brute force finds', async () => {
    const tea = (await findTagByName(t.db, 'Tea'))!.id;
    const bees = (await findTagByName(t.db, 'Bees'))!.id;
    const harbour = (await findTagByName(t.db, 'Harbour Tales'))!.id;
    const filterSets: Partial<BookmarkFilters>[] = [
      {},
      { page: 2 },
      { sort: 'item-date' },
      { sort: 'item-date', page: 2 },
      { itemTagIds: [bees] },
      { itemTagIds: [harbour, tea] },
      { ratings: ['Mature'] },
      { ratings: ['General Audiences', 'Teen And Up Audiences'], recOnly: true },
      { bookmarkerTags: ['cozy'] },
      { bookmarkerTags: ['cozy', 'sad'], withNotes: true },
      { withNotes: true, sort: 'item-date' },
    ];
    const scopes: { scope: BookmarkListingAsk['scope']; isOwner?: boolean }[] = [
      { scope: {} },
      { scope: { tagId: harbour } },
      { scope: { seriesId: seriesIds[1] } },
      { scope: { userId: bookmarkers[1].id } },
      { scope: { userId: bookmarkers[1].id }, isOwner: true },
    ];
    let compared = 0;
    let itemTagsCounted = 0;
    for (const audience of [GUEST_AUDIENCE, MEMBER_AUDIENCE]) {
      const all = await facts(audience);
      for (const { scope, isOwner = false } of scopes) {
        for (const hides of [
          null,
          { tags: [], userIds: [bookmarkers[2].id, writers[1].id], workIds: [], maxTags: null, staleBefore: null },
        ]) {
          for (const set of filterSets) {
            const ask: BookmarkListingAsk = { scope, filters: { ...NO_FILTERS, ...set }, audience, isOwner, hides };
            const expected = bruteForce(all, ask);
            const [rows, facets] = await Promise.all([listBookmarks(t.db, ask), countBookmarkFacets(t.db, ask)]);
            const where = JSON.stringify({ audience, scope, isOwner, set, hides: !!hides });
            expect(
              rows.map((r) => r.id),
              where,
            ).toEqual(expected.page);
            expect(
              {
                total: facets.total,
                rec: facets.rec,
                withNotes: facets.withNotes,
                ratings: asMap(facets.ratings),
                itemTags: asMap(facets.itemTags),
                bookmarkerTags: asMap(facets.bookmarkerTags),
              },
              where,
            ).toEqual({
              total: expected.total,
              rec: expected.rec,
              withNotes: expected.withNotes,
              ratings: expected.ratings,
              itemTags: expected.itemTags,
              bookmarkerTags: expected.bookmarkerTags,
            });
            compared += expected.total;
            itemTagsCounted += Object.values(expected.itemTags).reduce((a, b) => a + b, 0);
          }
        }
      }
    }
    // The data set is not trivially empty: most combinations found something, items' filter tags among it.
    expect(itemTagsCounted).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(300);
  });
});
