/**
 * The paging pieces every works listing shares (all works, a tag's, a
 * user's, a pseud's): the `?page=N` parameter, the "21 – 40 of 45 works"
 * count and the previous/next page links.
 */
import type { AppContext } from '../web/context.ts';
import type { WorksPage } from './listing-queries.ts';
import { formatNumber } from './meta-block.tsx';

/** The page number from `?page=N`; anything else is page 1. */
export function pageParam(c: AppContext): number {
  const raw = c.req.query('page');
  const page = raw && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, page);
}

function pageHref(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

export function Pagination({ basePath, page, pageCount }: { basePath: string; page: number; pageCount: number }) {
  if (pageCount <= 1 && page <= 1) return null;
  return (
    <nav aria-label="Pages">
      <ul class="pagination">
        <li>
          {page > 1 ? (
            <a rel="prev" href={pageHref(basePath, Math.min(page - 1, Math.max(pageCount, 1)))}>
              ← Previous
            </a>
          ) : (
            <span class="disabled">← Previous</span>
          )}
        </li>
        <li aria-current="page">
          Page {page} of {Math.max(pageCount, 1)}
        </li>
        <li>
          {page < pageCount ? (
            <a rel="next" href={pageHref(basePath, page + 1)}>
              Next →
            </a>
          ) : (
            <span class="disabled">Next →</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

export function countLabel({ total, page }: WorksPage, perPage: number): string {
  if (!total) return 'No works yet.';
  const first = (page - 1) * perPage + 1;
  if (first > total) return `${formatNumber(total)} ${total === 1 ? 'work' : 'works'}; this page is past the last one.`;
  const last = Math.min(total, page * perPage);
  return `${formatNumber(first)} – ${formatNumber(last)} of ${formatNumber(total)} ${total === 1 ? 'Work' : 'Works'}`;
}
