/** A bookmark listing page: the bookmarks, their pages, and the filter sidebar with its counts (a plain GET form). */
import { bookmarkFilterQuery } from './listing-form.ts';
import { BOOKMARKS_PER_PAGE, type BookmarkFacets, type BookmarkFilters, type BookmarkRow } from './listing-queries.ts';
import { BookmarkItem } from './views.tsx';

function FacetBoxes(props: {
  legend: string;
  name: string;
  facets: readonly { value: string; label: string; count: number }[];
  chosen: readonly string[];
}) {
  if (!props.facets.length) return null;
  return (
    <fieldset class="facet">
      <legend>{props.legend}</legend>
      {props.facets.map((f) => (
        <label>
          <input type="checkbox" name={props.name} value={f.value} checked={props.chosen.includes(f.value)} /> {f.label}{' '}
          <span class="count">({f.count})</span>
        </label>
      ))}
    </fieldset>
  );
}

export function BookmarkListing(props: {
  heading: string;
  path: string;
  rows: readonly BookmarkRow[];
  tags: Map<number, string[]>;
  facets: BookmarkFacets;
  filters: BookmarkFilters;
  isOwner: boolean;
  intro?: unknown;
}) {
  const { filters, facets, rows, path } = props;
  const lastPage = Math.max(1, Math.ceil(facets.total / BOOKMARKS_PER_PAGE));
  return (
    <>
      <h1>{props.heading}</h1>
      {props.intro ?? null}
      <p class="listing-count">
        {facets.total === 1 ? '1 bookmark' : `${facets.total.toLocaleString('en')} bookmarks`}
      </p>
      <form method="get" action={path} class="filters bookmark-filters" aria-label="Filter bookmarks">
        <div class="field">
          <label for="sort">Sort by</label>
          <select id="sort" name="sort">
            <option value="bookmarked" selected={filters.sort === 'bookmarked'}>
              Date bookmarked
            </option>
            <option value="item-date" selected={filters.sort === 'item-date'}>
              Date of the item
            </option>
          </select>
        </div>
        <FacetBoxes legend="Rating" name="rating" facets={facets.ratings} chosen={filters.ratings} />
        <FacetBoxes
          legend="Tags of the item"
          name="tag"
          facets={facets.itemTags}
          chosen={filters.itemTagIds.map(String)}
        />
        <FacetBoxes
          legend="Bookmarker’s tags"
          name="own_tag"
          facets={facets.bookmarkerTags}
          chosen={filters.bookmarkerTags}
        />
        <label>
          <input type="checkbox" name="rec" value="1" checked={filters.recOnly} /> Recs only{' '}
          <span class="count">({facets.rec})</span>
        </label>
        <label>
          <input type="checkbox" name="notes" value="1" checked={filters.withNotes} /> With notes only{' '}
          <span class="count">({facets.withNotes})</span>
        </label>
        <button type="submit">Sort and filter</button> <a href={path}>Clear filters</a>
      </form>
      {rows.length ? (
        <ol class="bookmarks">
          {rows.map((row) => (
            <BookmarkItem bookmark={row} tags={props.tags.get(row.id) ?? []} isOwner={props.isOwner} />
          ))}
        </ol>
      ) : (
        <p>No bookmarks here yet.</p>
      )}
      <nav aria-label="Pages" class="pagination">
        {filters.page > 1 ? <a href={`${path}${bookmarkFilterQuery(filters, filters.page - 1)}`}>Previous</a> : null}{' '}
        {filters.page < lastPage ? <a href={`${path}${bookmarkFilterQuery(filters, filters.page + 1)}`}>Next</a> : null}
      </nav>
    </>
  );
}
