/**
 * Pieces of a filtered listing: the chosen filters as removable chips, the
 * notices that explain a filter that could not apply, a result's search
 * snippet, and pagination links that keep the filters.
 */
import type { Filters } from './filters.ts';
import { SORT_LABELS } from './filters.ts';
import { filtersHref, isFiltered } from './form.ts';
import type { Notice, SearchPlan } from './plan.ts';
import type { SnippetPart } from '../indexing/text.ts';

interface Chip {
  label: string;
  /** The same listing without this filter. */
  href: string;
}

function chipsFor(basePath: string, f: Filters): Chip[] {
  const without = (overrides: Partial<Filters>) => filtersHref(basePath, f, { ...overrides, page: 1 });
  const fromList = (key: 'include' | 'exclude' | 'ratings' | 'warnings' | 'categories' | 'fandoms', prefix: string) =>
    f[key].map((value) => ({
      label: `${prefix}${value}`,
      href: without({ [key]: f[key].filter((v) => v !== value) }),
    }));
  const chips: Chip[] = [
    ...fromList('include', ''),
    ...fromList('exclude', 'Not: '),
    ...fromList('ratings', 'Rating: '),
    ...fromList('warnings', 'Warning: '),
    ...fromList('categories', 'Category: '),
    ...fromList('fandoms', 'Fandom: '),
  ];
  if (f.crossover !== 'include') {
    chips.push({
      label: f.crossover === 'only' ? 'Only crossovers' : 'No crossovers',
      href: without({ crossover: 'include' }),
    });
  }
  if (f.complete !== null) {
    chips.push({ label: f.complete ? 'Complete only' : 'In progress only', href: without({ complete: null }) });
  }
  if (f.words.min !== null || f.words.max !== null) {
    chips.push({
      label: `Words: ${f.words.min ?? 0}–${f.words.max ?? 'any'}`,
      href: without({ words: { min: null, max: null } }),
    });
  }
  if (f.updated.min !== null || f.updated.max !== null) {
    chips.push({
      label: `Updated: ${f.updated.min ?? 'any'} to ${f.updated.max ?? 'now'}`,
      href: without({ updated: { min: null, max: null } }),
    });
  }
  if (f.language) chips.push({ label: `Language: ${f.language}`, href: without({ language: null }) });
  if (f.q) {
    // Without search text there is nothing to rank by: a best-match sort becomes the listing's usual one.
    const sort: Partial<Filters> = f.sort === 'relevance' ? { sort: 'updated', order: 'desc' } : {};
    chips.push({ label: `Search: ${f.q}`, href: without({ q: '', ...sort }) });
  }
  return chips;
}

export function ActiveFilters({ basePath, filters, plan }: { basePath: string; filters: Filters; plan: SearchPlan }) {
  const chips = chipsFor(basePath, filters);
  return (
    <div class="active-filters">
      {chips.length ? (
        <>
          <h2 class="visually-hidden">Chosen filters</h2>
          <ul class="chips">
            {chips.map((chip) => (
              <li>
                <a class="chip" href={chip.href} aria-label={`Remove filter ${chip.label}`}>
                  {chip.label} <span aria-hidden="true">×</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="sorted-by">
        Sorted by {SORT_LABELS[plan.sort].toLowerCase()}, {plan.order === 'asc' ? 'ascending' : 'descending'}
        {isFiltered(filters) ? (
          <>
            {' '}
            · <a href={basePath}>Clear all filters</a>
          </>
        ) : null}
      </p>
    </div>
  );
}

function noticeText(notice: Notice) {
  switch (notice.kind) {
    case 'unknown_tag':
      return (
        <>
          There is no tag named “{notice.name}” here, so the {notice.param === 'exclude' ? 'exclusion' : 'filter'} on it
          was left out. Check the spelling, or pick a tag from the sidebar.
        </>
      );
    case 'unknown_language':
      return <>There is no language with the code “{notice.code}” here, so works in every language are shown.</>;
    case 'bad_value':
      return <>{notice.message} That filter was left out.</>;
    case 'search_syntax':
      return (
        <>
          The search could not be read: {notice.problem.message} {notice.problem.hint} The results below ignore the
          search text.
        </>
      );
  }
}

export function NoticeList({ notices }: { notices: Notice[] }) {
  if (!notices.length) return null;
  return (
    <div class="notice search-notices" role="status">
      <ul>
        {notices.map((notice) => (
          <li>{noticeText(notice)}</li>
        ))}
      </ul>
    </div>
  );
}

export function Snippet({ parts }: { parts: SnippetPart[] | undefined }) {
  if (!parts) return null;
  return (
    <p class="search-snippet">
      <span class="visually-hidden">Matched text: </span>
      {parts.map((part) => (part.isMatch ? <mark>{part.text}</mark> : part.text))}
    </p>
  );
}

export function ResultsPagination(props: {
  basePath: string;
  filters: Filters;
  page: number;
  pageCount: number;
  /** Parameters to keep that are not filters, e.g. `blocked=show`. */
  extra?: string;
}) {
  const { basePath, filters, page, pageCount, extra } = props;
  if (pageCount <= 1 && page <= 1) return null;
  const href = (n: number) => {
    const link = filtersHref(basePath, filters, { page: n });
    return extra ? `${link}${link.includes('?') ? '&' : '?'}${extra}` : link;
  };
  const last = Math.max(pageCount, 1);
  return (
    <nav aria-label="Pages">
      <ul class="pagination">
        <li>
          {page > 1 ? (
            <a rel="prev" href={href(Math.min(page - 1, last))}>
              ← Previous
            </a>
          ) : (
            <span class="disabled">← Previous</span>
          )}
        </li>
        <li aria-current="page">
          Page {page} of {last}
        </li>
        <li>
          {page < pageCount ? (
            <a rel="next" href={href(page + 1)}>
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
