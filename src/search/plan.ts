/**
 * Turns a listing's filters into a search plan: tag names resolved to the
 * tags a filter matches, the language code to its row, the search text
 * parsed, and the sort settled. Anything that cannot apply — an unknown tag,
 * a language the archive lacks, a search syntax mistake — becomes a notice
 * the page shows beside the results instead of an empty page or an error.
 */
import type { Db } from '../db/database.ts';
import type { Crossover, Filters, RangeClause, SortKey, SortOrder, TextClause, Bounds } from './filters.ts';
import { SCOPE_SORTS, defaultOrder } from './filters.ts';
import type { FilterProblem } from './form.ts';
import { hasPositiveText, parseSearchText, type SyntaxProblem } from './query-syntax.ts';
import { findLanguage, resolveTagNames, type TagMatch } from './queries.ts';
import { scopeSorting, type ScopeParams } from './scopes/registry.ts';
import { searchTokens } from '../indexing/text.ts';
import type { WorkAudience } from '../visibility/index.ts';

/** Who is looking: the visibility part of a listing's scope, built and applied only by src/visibility. */
export type Audience = WorkAudience;

/**
 * Which works a listing draws from, before any filter: who is looking (the audience), whose or which tag's
 * works — one field per scope module of scopes/registry.ts (`tag`, `rating`, `pseudIds`…) — and the reader's
 * blocklist.
 */
export type ListingScope = Audience &
  ScopeParams & {
    /** The logged-in reader's personal blocklist, applied to results and counts alike. */
    blocklist?: Blocklist | null;
  };

/** What a reader never wants to see in a listing (blocklist/queries.ts loads it). */
export interface Blocklist {
  tags: Array<Pick<TagMatch, 'tagId' | 'through'>>;
  /** Accounts whose works are hidden (not their anonymous ones, which would give the author away). */
  userIds: number[];
  workIds: number[];
  /** Hide works with more tags than this. */
  maxTags: number | null;
  /** Hide works in progress last updated before this date (YYYY-MM-DD). */
  staleBefore: string | null;
}

export type Notice =
  | { kind: 'unknown_tag'; param: string; name: string }
  | { kind: 'unknown_language'; code: string }
  | { kind: 'bad_value'; param: string; message: string }
  | { kind: 'search_syntax'; problem: SyntaxProblem };

export interface SearchPlan {
  scope: ListingScope;
  /** Every one of these must be on a result (include, warning, category and fandom filters). */
  includeTags: TagMatch[];
  /** None of these may be on a result. */
  excludeTags: TagMatch[];
  ratings: string[];
  crossover: Crossover;
  complete: boolean | null;
  words: Bounds<number>;
  updated: Bounds<string>;
  languageId: number | null;
  ranges: RangeClause[];
  /** Search text clauses, their words already folded for the index. */
  text: TextClause[];
  sort: SortKey;
  order: SortOrder;
  page: number;
}

export interface PlannedSearch {
  plan: SearchPlan;
  notices: Notice[];
}

/** Builds the plan; `problems` are the form's notices for values it could not read. */
export async function planSearch(
  db: Db,
  filters: Filters,
  scope: ListingScope,
  problems: FilterProblem[] = [],
): Promise<PlannedSearch> {
  const notices: Notice[] = problems.map((p) => ({ kind: 'bad_value', param: p.param, message: p.message }));
  const byParam: Array<[string, string[]]> = [
    ['include', filters.include],
    ['warning', filters.warnings],
    ['category', filters.categories],
    ['fandom', filters.fandoms],
    ['exclude', filters.exclude],
  ];
  const { found, unknown } = await resolveTagNames(
    db,
    byParam.flatMap(([, names]) => names),
  );
  const unknownSet = new Set(unknown);
  const includeTags: TagMatch[] = [];
  const excludeTags: TagMatch[] = [];
  for (const [param, names] of byParam) {
    for (const name of names) {
      const match = found.get(name);
      if (match) (param === 'exclude' ? excludeTags : includeTags).push(match);
      else if (unknownSet.has(name)) notices.push({ kind: 'unknown_tag', param, name });
    }
  }

  let languageId: number | null = null;
  if (filters.language) {
    const language = await findLanguage(db, filters.language);
    if (language) languageId = language.id;
    else notices.push({ kind: 'unknown_language', code: filters.language });
  }

  let text: TextClause[] = [];
  let ranges: RangeClause[] = [];
  let sort = filters.sort;
  let order = filters.order;
  if (filters.q) {
    const parsed = parseSearchText(filters.q);
    if (parsed.ok) {
      text = parsed.query.clauses
        .map((c) => ({ ...c, text: searchTokens(c.text).join(' ') }))
        .filter((c) => c.text !== '');
      ranges = parsed.query.ranges;
      if (parsed.query.sort && parsed.query.sort !== sort) {
        sort = parsed.query.sort;
        order = defaultOrder(sort);
      }
    } else {
      notices.push({ kind: 'search_syntax', problem: parsed.problem });
    }
  }
  if (SCOPE_SORTS.has(sort) && !scopeSorting(scope, sort)) {
    // A sort of one reader's own doings (when they left kudos), asked of a listing that has none.
    sort = 'updated';
    order = defaultOrder(sort);
  }
  if (sort === 'relevance' && !hasPositiveText({ clauses: text, ranges, sort: null })) {
    // Nothing to rank by (only comparisons, or exclusions): newest updated first, as an unfiltered listing.
    sort = 'updated';
    order = defaultOrder(sort);
  }

  return {
    plan: {
      scope,
      includeTags: dedupe(includeTags),
      excludeTags: dedupe(excludeTags),
      ratings: filters.ratings,
      crossover: filters.crossover,
      complete: filters.complete,
      words: filters.words,
      updated: filters.updated,
      languageId,
      ranges,
      text,
      sort,
      order,
      page: filters.page,
    },
    notices,
  };
}

function dedupe(tags: TagMatch[]): TagMatch[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = `${t.through}:${t.tagId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
