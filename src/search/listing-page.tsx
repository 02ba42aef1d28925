/**
 * A filtered works listing page, the shape every listing shares (all works,
 * a tag's, a user's, a pseud's, search results): the filters read from the
 * query string, the works found, the chosen filters as removable chips, any
 * notices (unknown tag, unreadable value, search syntax), the blurbs with
 * search snippets, pagination that keeps the filters, and the sidebar.
 */
import type { Child } from 'hono/jsx';
import type { TagKind } from '../tags/tags.table.ts';
import type { AppContext } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { Blurb } from '../works/blurb.tsx';
import { loadBlurbs, type WorkFilter } from '../works/listing-queries.ts';
import { ActiveFilters, NoticeList, ResultsPagination, Snippet } from './listing-parts.tsx';
import { PAGE_SIZE, type Filters, type SortKey } from './filters.ts';
import { findWorks } from './find-works.ts';
import { filtersHref, filtersToParams, parseFilters } from './form.ts';
import type { ListingScope } from './plan.ts';
import type { ScopeParams } from './scopes/registry.ts';
import { listLanguageChoices } from './queries.ts';
import { loadListingHides } from './blocklist/with-mutes.ts';
import { listSavedFilters } from './saved-filters/queries.ts';
import { SavedFiltersPanel } from './saved-filters/view.tsx';
import { FACET_KINDS, FACET_SIZE } from './plan-queries.ts';
import { FilterSidebar } from './sidebar.tsx';
import { audienceOf } from '../visibility/index.ts';
import { loadBlurbExtras } from '../web/blurb-extras.ts';
import { readDb } from '../web/read-db.ts';

export interface FilteredListingOptions {
  title: string;
  /** The heading, when richer than the title (e.g. with a link). */
  heading?: Child;
  basePath: string;
  /** Which works the listing draws from, as the reading listings describe it. */
  filter: WorkFilter;
  /** Scopes the reading listings' filter does not describe (a reader's kudos history: `kudosFrom`). */
  scope?: ScopeParams;
  /** The listing's own sort when the reader asks for none (a kudos history: when they left kudos). */
  scopeSort?: SortKey;
  intro?: Child;
  /** The intro holds the query's own box (the search page): the sidebar then carries the query unseen. */
  queryInIntro?: boolean;
  /** Extra elements for <head>, e.g. the listing's Atom feed. */
  head?: Child;
}

/** How many tags a facet shows after its "more" link. */
const MORE_FACET_SIZE = 50;

/** The reading listings' description of a listing, as a search scope. */
export function scopeOf(filter: WorkFilter): ListingScope {
  const scope: ListingScope = {
    ...audienceOf(filter),
    pseudIds: filter.pseudIds,
    rating: filter.rating,
  };
  if (filter.filterTagId !== undefined) scope.tag = { tagId: filter.filterTagId, through: 'filter_tags' };
  else if (filter.tagId !== undefined) scope.tag = { tagId: filter.tagId, through: 'taggings' };
  return scope;
}

function moreParam(c: AppContext): TagKind | null {
  const value = c.req.query('more');
  return FACET_KINDS.find((kind) => kind === value) ?? null;
}

/** Listing switches that are not filters: a facet's "more", showing blocked works, skipping default filters. */
interface ListingSwitches {
  more: TagKind | null;
  showBlocked: boolean;
  skipDefaults: boolean;
}

function switchParams(switches: ListingSwitches): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (switches.more) params.push(['more', switches.more]);
  if (switches.showBlocked) params.push(['blocked', 'show']);
  if (switches.skipDefaults) params.push(['defaults', 'off']);
  return params;
}

/** The query string a listing should have: the canonical filters, plus its switches. */
function canonicalSearch(filters: Filters, switches: ListingSwitches): string {
  const params = filtersToParams(filters);
  for (const [name, value] of switchParams(switches)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The same parameters and values, whatever their order and encoding. */
function sameParams(a: URLSearchParams, b: URLSearchParams): boolean {
  const entries = (p: URLSearchParams) =>
    JSON.stringify([...p].sort(([x, v], [y, w]) => x.localeCompare(y) || v.localeCompare(w)));
  return entries(a) === entries(b);
}

export async function renderFilteredListing(c: AppContext, options: FilteredListingOptions): Promise<Response> {
  const db = readDb(c); // a little lag is fine here, except for someone who just wrote
  const viewer = c.get('viewer');
  const url = new URL(c.req.url);
  const more = moreParam(c);
  const switches: ListingSwitches = {
    more,
    showBlocked: !!viewer && url.searchParams.get('blocked') === 'show',
    skipDefaults: url.searchParams.get('defaults') === 'off',
  };
  const saved = viewer ? await listSavedFilters(db, viewer.id) : [];
  // A reader's default filters apply to a listing opened without any of its own.
  const appliedDefault = url.search === '' ? saved.find((f) => f.isDefault) : undefined;
  const { filters, problems } = parseFilters(
    appliedDefault ? new URLSearchParams(appliedDefault.query) : url.searchParams,
    options.scopeSort,
  );
  // The sidebar form sends every field, empty or not; a shared link should be short and readable.
  const canonical = canonicalSearch(filters, switches);
  if (!appliedDefault && !problems.length && !sameParams(url.searchParams, new URLSearchParams(canonical))) {
    return c.redirect(`${options.basePath}${canonical}`, 302);
  }

  const scope = { ...scopeOf(options.filter), ...options.scope };
  // The blocklist unless the reader asked to see what it hides; the people they muted, always.
  const hides = viewer ? await loadListingHides(db, viewer.id, { showBlocked: switches.showBlocked }) : null;
  scope.blocklist = hides?.blocklist ?? null;
  const found = await findWorks(db, filters, scope, {
    problems,
    facetSize: more ? MORE_FACET_SIZE : FACET_SIZE,
    countBlocked: !!hides?.hasBlocklist,
    hiddenEvenSo: hides?.mutesOnly ?? null,
  });
  // Only the kind whose "more" was asked for shows beyond the usual ten.
  const facets = found.facets.map((f) =>
    f.kind === more || f.tags.length <= FACET_SIZE ? f : { ...f, tags: f.tags.slice(0, FACET_SIZE), hasMore: true },
  );
  const [blurbs, languages, extras] = await Promise.all([
    loadBlurbs(db, found.workIds),
    listLanguageChoices(db),
    // A member's own lines under each blurb (marked for later, continue reading): guests ask nothing.
    viewer
      ? loadBlurbExtras(c.get('deps').blurbExtras ?? [], {
          db,
          viewer,
          workIds: found.workIds,
          listingPath: options.basePath,
          returnTo: `${url.pathname}${url.search}`,
        })
      : null,
  ]);
  const shown = { ...filters, sort: found.plan.sort, order: found.plan.order };
  const title = found.page > 1 ? `${options.title} (page ${found.page})` : options.title;

  return renderPage(
    c,
    { title, head: options.head },
    <div class="filtered-listing">
      <section class="listing">
        <h1>{options.heading ?? options.title}</h1>
        <p class="filters-jump">
          <a href="#filter-heading">Filters</a>
        </p>
        {options.intro}
        <NoticeList notices={found.notices} />
        {appliedDefault ? (
          <p class="notice" role="status">
            Your default filters “{appliedDefault.name}” are applied.{' '}
            <a href={`${options.basePath}?defaults=off`}>Show the listing without them</a>
          </p>
        ) : null}
        <BlockedNote
          basePath={options.basePath}
          canonical={canonical}
          hidden={found.hiddenByBlocklist}
          shown={switches.showBlocked}
        />
        <p class="listing-count" role="status">
          {countText(found.total, found.page)}
        </p>
        {found.pageCount > 0 && found.page > found.pageCount ? (
          <p class="notice">
            {found.pageCount === 1 ? 'There is only 1 page.' : `There are only ${found.pageCount} pages.`}{' '}
            <a href={filtersHref(options.basePath, filters, { page: found.pageCount })}>
              Go to the last page (page {found.pageCount})
            </a>
          </p>
        ) : null}
        <ActiveFilters basePath={options.basePath} filters={filters} plan={found.plan} />
        {blurbs.length ? (
          <ol class="blurbs">
            {blurbs.map((work) => (
              <Blurb work={work} viewer={viewer}>
                <Snippet parts={found.snippets.get(work.id)} />
                {extras?.get(work.id) ?? null}
              </Blurb>
            ))}
          </ol>
        ) : null}
        <ResultsPagination
          basePath={options.basePath}
          filters={filters}
          page={found.page}
          pageCount={found.pageCount}
          extra={switches.showBlocked ? 'blocked=show' : ''}
        />
      </section>
      <FilterSidebar
        basePath={options.basePath}
        filters={shown}
        facets={facets}
        languages={languages}
        more={more}
        keep={switchParams({ ...switches, more: null })}
        queryHidden={options.queryInIntro}
      >
        {viewer ? (
          <SavedFiltersPanel
            saved={saved}
            basePath={options.basePath}
            query={filtersToParams(filters, { page: 1 }).toString()}
            returnTo={`${url.pathname}${url.search}`}
          />
        ) : null}
      </FilterSidebar>
    </div>,
  );
}

function BlockedNote(props: { basePath: string; canonical: string; hidden: number | null; shown: boolean }) {
  const params = new URLSearchParams(props.canonical);
  if (props.shown) {
    params.delete('blocked');
    const query = params.toString();
    return (
      <p class="hidden-count">
        Showing the works your blocklist hides.{' '}
        <a href={`${props.basePath}${query ? `?${query}` : ''}`}>Hide them again</a>
      </p>
    );
  }
  if (!props.hidden) return null;
  params.set('blocked', 'show');
  return (
    <p class="hidden-count">
      {props.hidden.toLocaleString('en-US')} {props.hidden === 1 ? 'work' : 'works'} hidden by your blocklist.{' '}
      <a href={`${props.basePath}?${params.toString()}`}>Show them</a> · <a href="/blocklist">Edit your blocklist</a>
    </p>
  );
}

function countText(total: number, page: number): string {
  const format = (n: number) => n.toLocaleString('en-US');
  if (!total) return 'No works found.';
  const first = (page - 1) * PAGE_SIZE + 1;
  const noun = total === 1 ? 'Work' : 'Works';
  if (first > total) return `${format(total)} ${noun}; this page is past the last one.`;
  return `${format(first)} – ${format(Math.min(total, page * PAGE_SIZE))} of ${format(total)} ${noun}`;
}
