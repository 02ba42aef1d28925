/**
 * The sidebar's saved-filters panel for a logged-in reader: each saved set
 * applied to this listing in one click, and a small form that saves the
 * current filters under a name (optionally as the default).
 */
import type { SavedFilter } from './queries.ts';

export function SavedFiltersPanel(props: { saved: SavedFilter[]; basePath: string; query: string; returnTo: string }) {
  const { saved, basePath, query, returnTo } = props;
  return (
    <section class="saved-filters" aria-labelledby="saved-filters-heading">
      <h2 id="saved-filters-heading">Saved filters</h2>
      {saved.length ? (
        <ul>
          {saved.map((s) => (
            <li>
              <a href={s.query ? `${basePath}?${s.query}` : `${basePath}?defaults=off`}>{s.name}</a>
              {s.isDefault ? <span class="hint"> (default)</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/saved-filters">
        <input type="hidden" name="query" value={query} />
        <input type="hidden" name="return_to" value={returnTo} />
        <div class="field">
          <label for="saved-filter-name">Save these filters as</label>
          <input id="saved-filter-name" name="name" maxlength={100} required />
        </div>
        <div class="field">
          <input type="checkbox" id="saved-filter-default" name="make_default" value="1" />
          <label for="saved-filter-default" class="choice">
            Apply to every listing I open without filters
          </label>
        </div>
        <button type="submit">Save filters</button>
      </form>
      <p>
        <a href="/saved-filters">Manage saved filters</a> · <a href="/blocklist">Your blocklist</a>
      </p>
    </section>
  );
}
