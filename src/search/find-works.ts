/**
 * Finding works, start to end: filters and scope in; the page's work ids,
 * the exact total, the sidebar facets with tag names, a snippet per result
 * showing where the search text matched, and the notices to show. Listings
 * (`/works`, a tag's, a user's, search results) all come through here.
 */
import { textOfHtml } from '../html/visible-text.ts';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { PAGE_SIZE, type Filters } from './filters.ts';
import type { FilterProblem } from './form.ts';
import { planSearch, type Blocklist, type ListingScope, type Notice, type SearchPlan } from './plan.ts';
import { findTagNames, loadSnippetSources } from './queries.ts';
import { memoryIndexOf } from './memory/work-index.ts';
import { countFacets, countMatchingWorks, findPageIds, FACET_SIZE } from './plan-queries.ts';
import { makeSnippet, type SnippetPart } from '../indexing/text.ts';

export interface FacetEntry {
  tagId: number;
  name: string;
  count: number;
}

export interface Facet {
  kind: TagKind;
  tags: FacetEntry[];
  hasMore: boolean;
}

export interface FoundWorks {
  plan: SearchPlan;
  notices: Notice[];
  workIds: number[];
  total: number;
  page: number;
  pageCount: number;
  facets: Facet[];
  snippets: Map<number, SnippetPart[]>;
  /** How many works the blocklist hid, when asked. */
  hiddenByBlocklist: number | null;
}

export interface FindOptions {
  /** The form's notices for values it could not read. */
  problems?: FilterProblem[];
  /** Leave out facet counts (e.g. for feeds and the API). */
  facets?: boolean;
  facetSize?: number;
  /** Only the total is wanted. */
  pageless?: boolean;
  /** Also count the works the scope's blocklist hides (for "N works hidden by your blocklist"). */
  countBlocked?: boolean;
  /** What stays hidden with the blocklist shown (the reader's mutes): not counted as hidden by the blocklist. */
  hiddenEvenSo?: Blocklist | null;
}

export async function findWorks(
  db: Db,
  filters: Filters,
  scope: ListingScope,
  options: FindOptions = {},
): Promise<FoundWorks> {
  const { plan, notices } = await planSearch(db, filters, scope, options.problems);
  const { total, workIds, facets: groups } = await answerPlan(db, plan, options);
  let hiddenByBlocklist: number | null = null;
  if (options.countBlocked && plan.scope.blocklist) {
    const unblocked = { ...plan, scope: { ...plan.scope, blocklist: options.hiddenEvenSo ?? null } };
    hiddenByBlocklist = (await answerPlan(db, unblocked, { facets: false, pageless: true })).total - total;
  }
  return {
    plan,
    notices,
    workIds,
    total,
    page: plan.page,
    pageCount: Math.ceil(total / PAGE_SIZE),
    facets: groups,
    snippets: await findSnippets(db, plan, workIds),
    hiddenByBlocklist,
  };
}

/**
 * Total, page and facets: from this process's in-memory work index when it
 * has one (src/search/memory), else — and for a title or creator order over
 * recently changed works — from SQL.
 */
export async function answerPlan(db: Db, plan: SearchPlan, options: FindOptions = {}) {
  const facetSize = options.facetSize ?? FACET_SIZE;
  const withFacets = options.facets !== false;
  const memory = await memoryIndexOf(db)?.answer(plan, facetSize, withFacets);
  if (memory) {
    const ids = memory.facets.flatMap((f) => f.tags.map((t) => t.tagId));
    if (options.pageless) return { total: memory.total, workIds: [], facets: [] };
    const [workIds, names] = await Promise.all([memory.pageIds ?? findPageIds(db, plan), findTagNames(db, ids)]);
    const facets = memory.facets.map((f) => ({
      ...f,
      tags: f.tags.map((t) => ({ ...t, name: names.get(t.tagId) ?? '' })),
    }));
    return { total: memory.total, workIds, facets };
  }
  if (options.pageless) return { total: await countMatchingWorks(db, plan), workIds: [], facets: [] };
  const [total, workIds, facets] = await Promise.all([
    countMatchingWorks(db, plan),
    findPageIds(db, plan),
    withFacets ? countFacets(db, plan, facetSize) : Promise.resolve([]),
  ]);
  return { total, workIds, facets };
}

/** For each work whose text, summary or notes hold the searched words, the first place they occur. */
async function findSnippets(db: Db, plan: SearchPlan, workIds: number[]) {
  const snippets = new Map<number, SnippetPart[]>();
  const phrases = plan.text.filter((c) => !c.isExcluded && c.field === 'any').map((c) => c.text.split(' '));
  if (!phrases.length || !workIds.length) return snippets;
  const { works, chapters } = await loadSnippetSources(db, workIds);
  // The work text first: the blurb already shows the summary.
  for (const chapter of chapters) {
    if (snippets.has(chapter.work_id)) continue;
    const snippet = makeSnippet(textOfHtml(chapter.body), phrases);
    if (snippet) snippets.set(chapter.work_id, snippet);
  }
  for (const work of works) {
    if (snippets.has(work.id)) continue;
    const snippet = makeSnippet(textOfHtml(`${work.summary} ${work.notes}`), phrases);
    if (snippet) snippets.set(work.id, snippet);
  }
  return snippets;
}
