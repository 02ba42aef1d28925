/**
 * A bookmark listing's filters as the query string carries them: `tag`
 * (item filter tag ids), `rating`, `own_tag` (the bookmarker's tags), `rec=1`,
 * `notes=1`, `sort=bookmarked|item-date`, `page`. Anything else is ignored,
 * so a hand-typed address never errors.
 */
import type { BookmarkFilters } from './listing-queries.ts';

const id = (raw: string) => (/^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null);

export function readBookmarkFilters(query: (name: string) => string[] | undefined): BookmarkFilters {
  const all = (name: string) => (query(name) ?? []).map((v) => v.trim()).filter(Boolean);
  const page = id(all('page')[0] ?? '');
  return {
    itemTagIds: [
      ...new Set(
        all('tag')
          .map(id)
          .filter((v): v is number => v !== null),
      ),
    ].slice(0, 10),
    ratings: [...new Set(all('rating'))].slice(0, 5),
    bookmarkerTags: [...new Set(all('own_tag'))].slice(0, 10),
    recOnly: all('rec')[0] === '1',
    withNotes: all('notes')[0] === '1',
    sort: all('sort')[0] === 'item-date' ? 'item-date' : 'bookmarked',
    page: page && page <= 5000 ? page : 1,
  };
}

/** The query string of these filters (and a page), for links that keep them. */
export function bookmarkFilterQuery(filters: BookmarkFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const tag of filters.itemTagIds) params.append('tag', String(tag));
  for (const rating of filters.ratings) params.append('rating', rating);
  for (const tag of filters.bookmarkerTags) params.append('own_tag', tag);
  if (filters.recOnly) params.set('rec', '1');
  if (filters.withNotes) params.set('notes', '1');
  if (filters.sort !== 'bookmarked') params.set('sort', filters.sort);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
