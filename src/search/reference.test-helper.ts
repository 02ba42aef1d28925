/**
 * A brute-force reference for finding works, for tests only: loads every
 * row of a small archive into memory and answers a listing by checking each
 * work against each filter in plain TypeScript — no SQL, no indexes — so the
 * real query builder can be compared with it result by result.
 */
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { tagNameKey } from '../tags/names.ts';
import { PAGE_SIZE, defaultOrder, type Filters, type SortKey, type TextField } from './filters.ts';
import { buildIndexRows } from '../indexing/indexer.ts';
import { computeFilterTags } from '../indexing/reference-filter-tags.test-helper.ts';
import type { IndexRow } from '../indexing/index-queries.ts';
import type { ListingScope } from './plan.ts';
import { parseSearchText } from './query-syntax.ts';
import { FACET_KINDS, FACET_SIZE } from './plan-queries.ts';
import { scopesIn } from './scopes/registry.ts';
import { searchTokens } from '../indexing/text.ts';

export interface Snapshot {
  works: Awaited<ReturnType<typeof loadWorks>>;
  search: Map<number, { title_sort: string; creator_sort: string; is_crossover: number }>;
  filterTags: Map<number, Set<number>>;
  typedTags: Map<number, Set<number>>;
  tags: Map<
    number,
    { id: number; kind: TagKind; name: string; name_key: string; is_canonical: number; synonym_of_id: number | null }
  >;
  creators: Map<number, Array<{ pseud_id: number | null; is_accepted: number }>>;
  languages: Map<string, number>;
  pseudUsers: Map<number, number>;
  /** Per work, the accounts that left kudos on it, each with its kudos id (ids grow with time). */
  kudosGivers: Map<number, Map<number, number>>;
  /** Every member's readings rows (history, marked for later, statuses). */
  readings: Array<{
    user_id: number;
    work_id: number;
    visited_at: string | null;
    is_marked_for_later: number;
    marked_at: string | null;
    status: string | null;
    status_updated_at: string | null;
  }>;
  /** Per collection, the works approved into it. */
  collectionWorks: Map<number, Set<number>>;
  docs: Map<number, Record<'title' | 'creators' | 'tags' | 'summary' | 'body', string[]>>;
}

function loadWorks(db: Db) {
  return db.selectFrom('works').selectAll().orderBy('id').execute();
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

export async function takeSnapshot(db: Db): Promise<Snapshot> {
  const works = await loadWorks(db);
  // Worked out from the tag graph, not read back from filter_taggings, so a wrong derivation is caught.
  const filterTags = await computeFilterTags(db);
  const typedTags = new Map<number, Set<number>>();
  for (const r of await db.selectFrom('taggings').select(['work_id', 'tag_id']).execute())
    addTo(typedTags, r.work_id, r.tag_id);
  const tags = new Map(
    (
      await db.selectFrom('tags').select(['id', 'kind', 'name', 'name_key', 'is_canonical', 'synonym_of_id']).execute()
    ).map((t) => [t.id, t]),
  );
  const creators = new Map<number, Array<{ pseud_id: number | null; is_accepted: number }>>();
  for (const c of await db.selectFrom('creatorships').select(['work_id', 'pseud_id', 'is_accepted']).execute()) {
    creators.set(c.work_id, [...(creators.get(c.work_id) ?? []), c]);
  }
  const search = new Map(
    (
      await db.selectFrom('work_search').select(['work_id', 'title_sort', 'creator_sort', 'is_crossover']).execute()
    ).map((r) => [r.work_id, r]),
  );
  const languages = new Map(
    (await db.selectFrom('languages').select(['id', 'code']).execute()).map((l) => [l.code.toLowerCase(), l.id]),
  );
  const rows: IndexRow[] = [];
  for (let i = 0; i < works.length; i += 200)
    rows.push(
      ...(await buildIndexRows(
        db,
        works.slice(i, i + 200).map((w) => w.id),
      )),
    );
  const docs = new Map(
    rows.map((r) => [
      r.workId,
      {
        title: r.title.split(' '),
        creators: r.creators.split(' '),
        tags: r.tags.split(' '),
        summary: r.summary.split(' '),
        body: r.body.split(' '),
      },
    ]),
  );
  const pseudUsers = new Map(
    (await db.selectFrom('pseuds').select(['id', 'user_id']).execute()).map((p) => [p.id, p.user_id]),
  );
  const kudosGivers = new Map<number, Map<number, number>>();
  for (const k of await db
    .selectFrom('kudos')
    .select(['id', 'work_id', 'user_id'])
    .where('user_id', 'is not', null)
    .execute()) {
    if (!kudosGivers.has(k.work_id)) kudosGivers.set(k.work_id, new Map());
    kudosGivers.get(k.work_id)!.set(k.user_id!, k.id);
  }
  const readings = await db
    .selectFrom('readings')
    .select(['user_id', 'work_id', 'visited_at', 'is_marked_for_later', 'marked_at', 'status', 'status_updated_at'])
    .execute();
  const collectionWorks = new Map<number, Set<number>>();
  for (const item of await db
    .selectFrom('collection_items')
    .select(['collection_id', 'work_id'])
    .where('status', '=', 'approved')
    .execute())
    addTo(collectionWorks, item.collection_id, item.work_id);
  return {
    works,
    search,
    filterTags,
    typedTags,
    tags,
    creators,
    languages,
    pseudUsers,
    kudosGivers,
    readings,
    collectionWorks,
    docs,
  };
}

const COLUMNS: Record<TextField, Array<'title' | 'creators' | 'tags' | 'summary' | 'body'>> = {
  any: ['title', 'creators', 'tags', 'summary', 'body'],
  title: ['title'],
  creator: ['creators'],
  tag: ['tags'],
};

function containsPhrase(words: string[], phrase: string[]): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((token, k) => words[i + k] === token)) return true;
  }
  return false;
}

export interface ReferenceAnswer {
  ids: number[];
  /** Every matching work, in order. */
  allIds: number[];
  total: number;
  facets: Array<{ kind: TagKind; tags: Array<{ tagId: number; count: number }>; hasMore: boolean }>;
  /** False when the order is by relevance, which the reference does not rank. */
  isOrdered: boolean;
}

/** When the work got onto the scope's readings list (ms), as the `reading_date` sort reads it. */
function readingDate(s: Snapshot, scope: ListingScope, workId: number): number | null {
  const of = scope.readingsOf;
  const row = of && s.readings.find((r) => r.user_id === of.userId && r.work_id === workId);
  if (!of || !row) return null;
  const when = of.list === 'history' ? row.visited_at : of.list === 'to-read' ? row.marked_at : row.status_updated_at;
  return when === null ? null : Date.parse(when);
}

export function answer(s: Snapshot, filters: Filters, scope: ListingScope): ReferenceAnswer {
  type Test = (w: Snapshot['works'][number]) => boolean;
  // The rule restated on purpose: an oracle that asked src/visibility would agree with any mistake there.
  const tests: Test[] = [(w) => w.status === 'posted', (w) => w.deleted_at === null];
  if (!scope.includeHidden) tests.push((w) => w.is_hidden === 0);
  if (!scope.includeRestricted) tests.push((w) => w.is_restricted === 0);
  if (scope.excludeAnonymous) tests.push((w) => w.is_anonymous === 0 && w.is_unrevealed === 0);
  if (!scope.includeUnrevealed) tests.push((w) => w.is_unrevealed === 0);
  const byKey = new Map([...s.tags.values()].map((t) => [t.name_key, t]));
  const carries = (name: string): Test | null => {
    const tag = byKey.get(tagNameKey(name));
    if (!tag) return null;
    const canonical = tag.is_canonical ? tag : tag.synonym_of_id ? s.tags.get(tag.synonym_of_id) : undefined;
    if (canonical?.is_canonical) return (w) => s.filterTags.get(w.id)?.has(canonical.id) ?? false;
    return (w) => s.typedTags.get(w.id)?.has(tag.id) ?? false;
  };
  for (const applied of scopesIn(scope)) tests.push(applied.includes(s));
  if (scope.blocklist) {
    const b = scope.blocklist;
    for (const tag of b.tags) {
      tests.push(
        (w) => !((tag.through === 'filter_tags' ? s.filterTags : s.typedTags).get(w.id)?.has(tag.tagId) ?? false),
      );
    }
    const users = new Set(b.userIds);
    tests.push(
      (w) =>
        w.is_anonymous === 1 ||
        w.is_unrevealed === 1 ||
        !(s.creators.get(w.id) ?? []).some(
          (c) => c.is_accepted === 1 && c.pseud_id !== null && users.has(s.pseudUsers.get(c.pseud_id)!),
        ),
    );
    tests.push((w) => !b.workIds.includes(w.id));
    if (b.maxTags !== null) tests.push((w) => (s.typedTags.get(w.id)?.size ?? 0) <= b.maxTags!);
    if (b.staleBefore !== null)
      tests.push((w) => w.is_complete === 1 || (w.updated_on !== null && w.updated_on >= b.staleBefore!));
  }
  for (const name of [...filters.include, ...filters.warnings, ...filters.categories, ...filters.fandoms]) {
    const test = carries(name);
    if (test) tests.push(test);
  }
  for (const name of filters.exclude) {
    const test = carries(name);
    if (test) tests.push((w) => !test(w));
  }
  if (filters.ratings.length) tests.push((w) => filters.ratings.includes(w.rating));
  if (filters.crossover !== 'include')
    tests.push((w) => (s.search.get(w.id)?.is_crossover === 1) === (filters.crossover === 'only'));
  if (filters.complete !== null) tests.push((w) => (w.is_complete === 1) === filters.complete);
  const { words, updated } = filters;
  if (words.min !== null) tests.push((w) => w.word_count >= words.min!);
  if (words.max !== null) tests.push((w) => w.word_count <= words.max!);
  if (updated.min !== null) tests.push((w) => w.updated_on !== null && w.updated_on >= updated.min!);
  if (updated.max !== null) tests.push((w) => w.updated_on !== null && w.updated_on <= updated.max!);
  if (filters.language && s.languages.has(filters.language.toLowerCase())) {
    const id = s.languages.get(filters.language.toLowerCase());
    tests.push((w) => w.language_id === id);
  }

  let sort: SortKey = filters.sort;
  let order = filters.order;
  let hasPositive = false;
  const parsed = filters.q ? parseSearchText(filters.q) : null;
  if (parsed?.ok) {
    const columns = {
      words: 'word_count',
      kudos: 'kudos_count',
      chapters: 'posted_chapters',
      hits: 'hits',
      comments: 'comments_count',
      bookmarks: 'bookmarks_count',
    } as const;
    for (const r of parsed.query.ranges) {
      const compare = {
        '<': (a: number) => a < r.value,
        '<=': (a: number) => a <= r.value,
        '>': (a: number) => a > r.value,
        '>=': (a: number) => a >= r.value,
        '=': (a: number) => a === r.value,
      }[r.op];
      tests.push((w) => compare(w[columns[r.field]]));
    }
    for (const clause of parsed.query.clauses) {
      const phrase = searchTokens(clause.text);
      if (!phrase.length) continue;
      if (!clause.isExcluded) hasPositive = true;
      const matches: Test = (w) =>
        COLUMNS[clause.field].some((column) => containsPhrase(s.docs.get(w.id)?.[column] ?? [], phrase));
      tests.push(clause.isExcluded ? (w) => !matches(w) : matches);
    }
    if (parsed.query.sort && parsed.query.sort !== sort) {
      sort = parsed.query.sort;
      order = defaultOrder(sort);
    }
  }
  if ((sort === 'kudos_given' && scope.kudosFrom === undefined) || (sort === 'reading_date' && !scope.readingsOf)) {
    sort = 'updated';
    order = defaultOrder(sort);
  }
  if (sort === 'relevance' && !hasPositive) {
    sort = 'updated';
    order = defaultOrder(sort);
  }

  const matching = s.works.filter((w) => tests.every((test) => test(w)));
  const key = (w: Snapshot['works'][number]): string | number | null => {
    const facts = s.search.get(w.id)!;
    const keys = {
      creator: facts.creator_sort,
      title: facts.title_sort,
      posted: w.published_on,
      updated: w.updated_on,
      words: w.word_count,
      hits: w.hits,
      kudos: w.kudos_count,
      comments: w.comments_count,
      bookmarks: w.bookmarks_count,
      kudos_given: s.kudosGivers.get(w.id)?.get(scope.kudosFrom ?? -1) ?? null,
      reading_date: readingDate(s, scope, w.id),
      relevance: 0,
    };
    return keys[sort];
  };
  const direction = order === 'desc' ? -1 : 1;
  matching.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Nulls sort as the smallest value; text compares by code unit, like byte order for these names.
    const cmp = ka === kb ? 0 : ka === null ? -1 : kb === null ? 1 : ka < kb ? -1 : 1;
    return (cmp || a.id - b.id) * direction;
  });

  const counts = new Map<number, number>();
  for (const w of matching)
    for (const tagId of s.filterTags.get(w.id) ?? []) counts.set(tagId, (counts.get(tagId) ?? 0) + 1);
  const facets = FACET_KINDS.map((kind) => {
    const ofKind = [...counts]
      .filter(([id]) => s.tags.get(id)?.kind === kind)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      kind,
      tags: ofKind.slice(0, FACET_SIZE).map(([tagId, count]) => ({ tagId, count })),
      hasMore: ofKind.length > FACET_SIZE,
    };
  });
  const from = (filters.page - 1) * PAGE_SIZE;
  return {
    ids: matching.slice(from, from + PAGE_SIZE).map((w) => w.id),
    allIds: matching.map((w) => w.id),
    total: matching.length,
    facets,
    isOrdered: sort !== 'relevance',
  };
}
