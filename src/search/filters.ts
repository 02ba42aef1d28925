/**
 * The vocabulary of finding works, shared by the filter form, the search box
 * language and the query builder: the sorts a listing offers, the numeric
 * fields a reader may compare, and `Filters`, the parsed form of a listing's
 * query string. Pure data; nothing here touches the database.
 */

export const SORT_KEYS = [
  'relevance',
  'creator',
  'title',
  'posted',
  'updated',
  'words',
  'hits',
  'kudos',
  'comments',
  'bookmarks',
  'kudos_given',
  'reading_date',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Best match',
  creator: 'Creator',
  title: 'Title',
  posted: 'Date posted',
  updated: 'Date updated',
  words: 'Word count',
  hits: 'Hits',
  kudos: 'Kudos',
  comments: 'Comments',
  bookmarks: 'Bookmarks',
  kudos_given: 'Date you left kudos',
  reading_date: 'Date you read or listed it',
};

/**
 * Sorts only a listing of one reader's own doings offers (scopes/registry.ts gives each to its scope): by when
 * the reader left kudos; by when they last visited a work, marked it for later or set its status. Another
 * listing given one sorts by date updated instead.
 */
export const SCOPE_SORTS: ReadonlySet<SortKey> = new Set(['kudos_given', 'reading_date']);

/** Sorts that read naturally A→Z; every other sort starts with the largest or newest. */
export const ASCENDING_BY_DEFAULT: ReadonlySet<SortKey> = new Set(['creator', 'title']);

export type SortOrder = 'asc' | 'desc';

/** Numeric work figures the search box can compare: `words>1000`, `kudos>=50`, `chapters<5`. */
export const RANGE_FIELDS = ['words', 'kudos', 'chapters', 'hits', 'comments', 'bookmarks'] as const;
export type RangeField = (typeof RANGE_FIELDS)[number];

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

export interface RangeClause {
  field: RangeField;
  op: Comparison;
  value: number;
}

/** Where a piece of search text must match. `any` is everywhere, the work text included. */
export type TextField = 'any' | 'title' | 'creator' | 'tag';

export interface TextClause {
  field: TextField;
  /** The words as typed; a phrase keeps its words in order. */
  text: string;
  isPhrase: boolean;
  /** `-word`: works matching this are left out. */
  isExcluded: boolean;
}

/** What the search box said, once parsed. */
export interface TextQuery {
  clauses: TextClause[];
  ranges: RangeClause[];
  /** `sort:kudos` in the box, which wins over the sort menu. */
  sort: SortKey | null;
}

export type Crossover = 'include' | 'exclude' | 'only';

/** An inclusive range; either side may be open. */
export interface Bounds<T> {
  min: T | null;
  max: T | null;
}

/** A listing's filters, as read from its query string by `form.ts`. */
export interface Filters {
  /** Tag names every result must carry (through filter tags, so synonyms and sub tags count). */
  include: string[];
  /** Tag names no result may carry. */
  exclude: string[];
  /** Any of these ratings. */
  ratings: string[];
  /** Every one of these archive warnings, categories and fandoms. */
  warnings: string[];
  categories: string[];
  fandoms: string[];
  crossover: Crossover;
  /** null: complete works and works in progress alike. */
  complete: boolean | null;
  words: Bounds<number>;
  /** Dates YYYY-MM-DD. */
  updated: Bounds<string>;
  /** A language code. */
  language: string | null;
  /** The raw search text, and its parse when it parsed. */
  q: string;
  sort: SortKey;
  order: SortOrder;
  page: number;
  /** The listing's own sort when no other is asked for, if it has one (a kudos history: `kudos_given`). */
  scopeSort?: SortKey;
}

/** The sort a listing has when none is asked for: best match for a search, else its own, else date updated. */
export function naturalSortOf(f: Pick<Filters, 'q' | 'scopeSort'>): SortKey {
  return f.q ? 'relevance' : (f.scopeSort ?? 'updated');
}

export const PAGE_SIZE = 20;

/** Beyond this page a listing asks the reader to narrow the filters (keeps offsets bounded). */
export const MAX_PAGE = 5000;

export function defaultOrder(sort: SortKey): SortOrder {
  return ASCENDING_BY_DEFAULT.has(sort) ? 'asc' : 'desc';
}

export function emptyFilters(overrides: Partial<Filters> = {}): Filters {
  return {
    include: [],
    exclude: [],
    ratings: [],
    warnings: [],
    categories: [],
    fandoms: [],
    crossover: 'include',
    complete: null,
    words: { min: null, max: null },
    updated: { min: null, max: null },
    language: null,
    q: '',
    sort: 'updated',
    order: 'desc',
    page: 1,
    ...overrides,
  };
}
