/**
 * The filter sidebar: one GET form (so it works without JavaScript and its
 * result is a link to share) with the search box, sort, the facet lists —
 * per tag kind the most used filter tags in the current results, each with
 * include and exclude boxes — and the remaining filters. Filters already
 * chosen stay checked, so submitting again keeps them.
 */
import type { Child } from 'hono/jsx';
import type { TagKind } from '../tags/tags.table.ts';
import { RATINGS } from '../domain-facts.ts';
import type { Facet } from './find-works.ts';
import { SCOPE_SORTS, SORT_KEYS, SORT_LABELS, type Filters } from './filters.ts';
import { filtersHref } from './form.ts';

export const KIND_LABELS: Record<TagKind, string> = {
  rating: 'Ratings',
  warning: 'Warnings',
  category: 'Categories',
  media: 'Media',
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional Tags',
  unsorted: 'Other Tags',
};

const formatCount = (n: number) => n.toLocaleString('en-US');

export function withParam(href: string, name: string, value: string): string {
  return `${href}${href.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/** A stable, valid id for a tag's checkbox. */
function boxId(kind: string, action: string, tagId: number) {
  return `filter-${action}-${kind}-${tagId}`;
}

function FacetGroup({
  facet,
  filters,
  basePath,
  more,
}: {
  facet: Facet;
  filters: Filters;
  basePath: string;
  more: TagKind | null;
}) {
  const included = new Set(
    [...filters.include, ...filters.warnings, ...filters.categories, ...filters.fandoms].map((n) => n.toLowerCase()),
  );
  const excluded = new Set(filters.exclude.map((n) => n.toLowerCase()));
  const label = KIND_LABELS[facet.kind];
  return (
    <fieldset class="facet">
      <legend>{label}</legend>
      <ul>
        {facet.tags.map((tag) => {
          // Chosen filters are listed (checked) among the chosen filters, not twice.
          if (included.has(tag.name.toLowerCase()) || excluded.has(tag.name.toLowerCase())) return null;
          return (
            <li>
              <span class="facet-name">
                {tag.name} <span class="facet-count">({formatCount(tag.count)})</span>
              </span>
              <span class="facet-boxes">
                <input type="checkbox" id={boxId(facet.kind, 'include', tag.tagId)} name="include" value={tag.name} />
                <label for={boxId(facet.kind, 'include', tag.tagId)}>
                  Include<span class="visually-hidden"> {tag.name}</span>
                </label>
                <input type="checkbox" id={boxId(facet.kind, 'exclude', tag.tagId)} name="exclude" value={tag.name} />
                <label for={boxId(facet.kind, 'exclude', tag.tagId)}>
                  Exclude<span class="visually-hidden"> {tag.name}</span>
                </label>
              </span>
            </li>
          );
        })}
      </ul>
      {facet.hasMore && more !== facet.kind ? (
        <p class="facet-more">
          <a href={withParam(filtersHref(basePath, filters), 'more', facet.kind)}>More {label.toLowerCase()}</a>
        </p>
      ) : null}
    </fieldset>
  );
}

/** The filters already chosen, as checked boxes under their own parameter names. */
function ChosenBoxes({ filters }: { filters: Filters }) {
  const chosen: Array<[param: string, value: string, label: string]> = [
    ...filters.include.map((v) => ['include', v, `Include ${v}`] as [string, string, string]),
    ...filters.exclude.map((v) => ['exclude', v, `Exclude ${v}`] as [string, string, string]),
    ...filters.warnings.map((v) => ['warning', v, `Warning: ${v}`] as [string, string, string]),
    ...filters.categories.map((v) => ['category', v, `Category: ${v}`] as [string, string, string]),
    ...filters.fandoms.map((v) => ['fandom', v, `Fandom: ${v}`] as [string, string, string]),
  ];
  if (!chosen.length) return null;
  return (
    <fieldset class="facet chosen">
      <legend>Chosen tags</legend>
      <ul>
        {chosen.map(([param, value, label], i) => (
          <li>
            <input type="checkbox" id={`chosen-${i}`} name={param} value={value} checked />
            <label for={`chosen-${i}`}>{label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export interface SidebarProps {
  basePath: string;
  filters: Filters;
  facets: Facet[];
  languages: Array<{ code: string; name: string }>;
  more: TagKind | null;
  /** Listing switches the form keeps (e.g. showing blocked works). */
  keep?: Array<[string, string]>;
  /** More panels under the form (saved filters). */
  children?: Child;
  /** The page shows the query in a box of its own: the form keeps it as a hidden field, not a second box. */
  queryHidden?: boolean;
}

export function FilterSidebar({
  basePath,
  filters,
  facets,
  languages,
  more,
  keep = [],
  children,
  queryHidden = false,
}: SidebarProps) {
  return (
    <aside class="filter-sidebar" aria-labelledby="filter-heading">
      <h2 id="filter-heading">Filter works</h2>
      <form method="get" action={basePath} role="search" aria-label="Filter works">
        {keep.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {queryHidden ? (
          filters.q ? (
            <input type="hidden" name="q" value={filters.q} />
          ) : null
        ) : (
          <div class="field">
            <label for="filter-q">Search within results</label>
            <input id="filter-q" name="q" type="search" value={filters.q} aria-describedby="filter-q-hint" />
            <p class="hint" id="filter-q-hint">
              Words, "a phrase", -word, title:, creator:, tag:, words&gt;1000, sort:kudos
            </p>
          </div>
        )}
        <div class="field sort-fields">
          <label for="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort">
            {SORT_KEYS.filter((key) => !SCOPE_SORTS.has(key) || key === filters.scopeSort).map((key) => (
              <option value={key} selected={filters.sort === key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
          <label for="filter-order">Order</label>
          <select id="filter-order" name="order">
            <option value="desc" selected={filters.order === 'desc'}>
              Descending
            </option>
            <option value="asc" selected={filters.order === 'asc'}>
              Ascending
            </option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">Sort and filter</button>
          <a href={basePath}>Clear filters</a>
        </div>
        <ChosenBoxes filters={filters} />
        <fieldset class="facet rating-facet">
          <legend>Rating</legend>
          <ul>
            {RATINGS.map((rating, i) => (
              <li>
                <input
                  type="checkbox"
                  id={`filter-rating-${i}`}
                  name="rating"
                  value={rating}
                  checked={filters.ratings.includes(rating)}
                />
                <label for={`filter-rating-${i}`}>
                  {rating}
                  {countOf(facets, 'rating', rating)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {facets
          .filter((f) => f.kind !== 'rating' && f.tags.length)
          .map((facet) => (
            <FacetGroup facet={facet} filters={filters} basePath={basePath} more={more} />
          ))}
        <MoreFilters filters={filters} languages={languages} />
        <div class="actions">
          <button type="submit">Sort and filter</button>
        </div>
      </form>
      {children}
    </aside>
  );
}

function countOf(facets: Facet[], kind: TagKind, name: string) {
  const tag = facets.find((f) => f.kind === kind)?.tags.find((t) => t.name === name);
  return tag ? <span class="facet-count"> ({formatCount(tag.count)})</span> : null;
}

function MoreFilters({ filters, languages }: { filters: Filters; languages: SidebarProps['languages'] }) {
  return (
    <fieldset class="facet more-filters">
      <legend>More options</legend>
      <div class="field">
        <label for="filter-crossover">Crossovers</label>
        <select id="filter-crossover" name="crossover">
          <option value="include" selected={filters.crossover === 'include'}>
            Include crossovers
          </option>
          <option value="exclude" selected={filters.crossover === 'exclude'}>
            Exclude crossovers
          </option>
          <option value="only" selected={filters.crossover === 'only'}>
            Only crossovers
          </option>
        </select>
      </div>
      <div class="field">
        <label for="filter-complete">Completion status</label>
        <select id="filter-complete" name="complete">
          <option value="" selected={filters.complete === null}>
            All works
          </option>
          <option value="true" selected={filters.complete === true}>
            Complete works only
          </option>
          <option value="false" selected={filters.complete === false}>
            Works in progress only
          </option>
        </select>
      </div>
      <div class="field range">
        <span class="range-label" id="filter-words-label">
          Word count
        </span>
        <label for="filter-words-min">From</label>
        <input id="filter-words-min" name="words_min" inputmode="numeric" size={8} value={filters.words.min ?? ''} />
        <label for="filter-words-max">to</label>
        <input id="filter-words-max" name="words_max" inputmode="numeric" size={8} value={filters.words.max ?? ''} />
      </div>
      <div class="field range">
        <span class="range-label">Date updated</span>
        <label for="filter-updated-from">From</label>
        <input id="filter-updated-from" name="updated_from" type="date" value={filters.updated.min ?? ''} />
        <label for="filter-updated-to">to</label>
        <input id="filter-updated-to" name="updated_to" type="date" value={filters.updated.max ?? ''} />
      </div>
      <div class="field">
        <label for="filter-lang">Language</label>
        <select id="filter-lang" name="lang">
          <option value="" selected={!filters.language}>
            Any language
          </option>
          {languages.map((l) => (
            <option value={l.code} lang={l.code} selected={filters.language?.toLowerCase() === l.code.toLowerCase()}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
