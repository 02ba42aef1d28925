/**
 * Works listings through the API: the site's filters exactly (parsed by
 * search/form.ts, run by search/find-works.ts), with an opaque cursor in
 * place of page numbers. A cursor holds its page and the filters it came
 * from, so the next page is `?cursor=…` alone (the `Link` header never echoes
 * the query), and a cursor sent with other filters is refused rather than
 * silently skipping or repeating works.
 */
import { z } from '@hono/zod-openapi';
import { CATEGORIES, RATINGS, WARNINGS } from '../domain-facts.ts';
import { MAX_PAGE, SORT_KEYS, type Filters } from '../search/filters.ts';
import { findWorks } from '../search/find-works.ts';
import { loadMutes } from '../search/blocklist/with-mutes.ts';
import { filtersToParams, parseFilters } from '../search/form.ts';
import type { ListingScope, Notice } from '../search/plan.ts';
import type { TagMatch } from '../search/queries.ts';
import { loadBlurbs } from '../works/listing-queries.ts';
import type { ApiContext } from './middleware.ts';
import type { WorkListSchema } from './schemas.ts';
import { presentWorkSummary } from './presenters.ts';
import { problem, type ProblemResponse } from './problems.ts';

const many = (description: string, example?: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description, example });

/** The listing query parameters, as the site's filter form reads them. */
export const ListingQuerySchema = z.object({
  include: many(
    'Tag names every work must carry (comma-separated, or repeated), matched through synonyms and sub tags.',
    'Found Family',
  ),
  exclude: many('Tag names no work may carry.'),
  rating: many(`Any of: ${RATINGS.join(', ')}.`),
  warning: many(`Every one of: ${WARNINGS.join(', ')}.`),
  category: many(`Every one of: ${CATEGORIES.join(', ')}.`),
  fandom: many('Fandom names every work must be in.'),
  crossover: z.enum(['include', 'exclude', 'only']).optional(),
  complete: z.enum(['true', 'false']).optional(),
  words: z
    .string()
    .optional()
    .openapi({ description: 'Word count range MIN-MAX; either side may be left out.', example: '1000-5000' }),
  updated: z.string().optional().openapi({
    description: 'Update dates FROM..TO (YYYY-MM-DD); either side may be left out.',
    example: '2024-01-01..',
  }),
  lang: z.string().optional().openapi({ description: 'A language code.', example: 'en' }),
  q: z.string().optional().openapi({
    description: 'Search text: words, "phrases", -exclusions, title:, creator:, tag:, words>1000, sort:kudos.',
  }),
  sort: z.enum(SORT_KEYS).optional().openapi({ description: 'Default: relevance with q, else updated.' }),
  order: z.enum(['asc', 'desc']).optional(),
  cursor: z.string().optional().openapi({ description: 'The `next_cursor` of the previous page.' }),
});

/** Past this, no `Link` header is sent (clients read `next_cursor`): long headers break clients and proxies. */
export const LINK_HEADER_MAX = 2000;

const filterKey = (filters: Filters) => filtersToParams({ ...filters, page: 1 }).toString();

export function encodeCursor(filters: Filters, page: number): string {
  return Buffer.from(JSON.stringify({ p: page, q: filterKey(filters) })).toString('base64url');
}

/**
 * The page and filters a cursor points at, or null when it is not a cursor
 * (or, when the request names filters too, not a cursor of those filters).
 */
export function decodeCursor(cursor: string, requested: Filters | null): { page: number; filters: Filters } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; q?: unknown };
    if (!Number.isInteger(value.p) || (value.p as number) < 1 || (value.p as number) > MAX_PAGE) return null;
    if (typeof value.q !== 'string') return null;
    const { filters, problems } = parseFilters(new URLSearchParams(value.q));
    if (problems.length || filterKey(filters) !== value.q) return null;
    if (requested && filterKey(requested) !== value.q) return null;
    return { page: value.p as number, filters };
  } catch {
    return null;
  }
}

function noticeMessage(notice: Notice): { param: string; message: string } {
  switch (notice.kind) {
    case 'unknown_tag':
      return { param: notice.param, message: `No tag here is called "${notice.name}", so that filter was left out.` };
    case 'unknown_language':
      return { param: 'lang', message: `This archive has no language "${notice.code}", so that filter was left out.` };
    case 'bad_value':
      return { param: notice.param, message: notice.message };
    case 'search_syntax':
      return { param: 'q', message: `${notice.problem.message} ${notice.problem.hint}` };
  }
}

/** How a tag narrows a listing: ratings are a column of the work, every other tag goes through taggings. */
export function scopeForTag(tag: TagMatch): Pick<ListingScope, 'tag' | 'rating'> {
  return tag.kind === 'rating' ? { rating: tag.displayName } : { tag };
}

/** A listing request's answer: the filters from the query string, one page of works, the next cursor. */
export async function listWorksFor(
  c: ApiContext,
  scope: ListingScope,
): Promise<ProblemResponse | z.infer<typeof WorkListSchema>> {
  const { db, config } = c.get('deps');
  const params = new URL(c.req.url).searchParams;
  if (params.has('page'))
    return problem(c, 'bad-request', 'Listings page with `cursor`, not `page`.', {
      errors: [{ field: 'page', detail: 'Use the `next_cursor` of the previous page.' }],
    });
  const parsed = parseFilters(params);
  const { problems } = parsed;
  let { filters } = parsed;
  if (problems.length) {
    return problem(c, 'bad-request', 'Some filters could not be read.', {
      errors: problems.map((p) => ({ field: p.param, detail: p.message })),
    });
  }
  const cursor = params.get('cursor');
  if (cursor) {
    const namesFilters = [...params.keys()].some((name) => name !== 'cursor');
    const found = decodeCursor(cursor, namesFilters ? filters : null);
    if (found === null) {
      return problem(c, 'bad-request', 'That cursor does not belong to these filters.', {
        errors: [{ field: 'cursor', detail: 'Pass the `next_cursor` of a listing, alone or with the same filters.' }],
      });
    }
    filters = { ...found.filters, page: found.page };
  }
  // The people the reader muted stay out of their listings here too.
  const viewerId = c.get('viewer')?.id;
  const mutes = viewerId === undefined ? null : await loadMutes(db, viewerId);
  const found = await findWorks(db, filters, mutes ? { ...scope, blocklist: mutes } : scope, { facets: false });
  const syntax = found.notices.find((n) => n.kind === 'search_syntax');
  if (syntax) {
    const { message } = noticeMessage(syntax);
    return problem(c, 'bad-request', 'The search text could not be read.', {
      errors: [{ field: 'q', detail: message }],
    });
  }
  const viewer = c.get('viewer');
  const works = (await loadBlurbs(db, found.workIds)).map((w) => presentWorkSummary(w, viewer, config.baseUrl));
  const hasNext = found.page < found.pageCount && found.page < MAX_PAGE;
  const nextCursor = hasNext ? encodeCursor(filters, found.page + 1) : null;
  const link = nextCursor ? `<${new URL(c.req.url).pathname}?cursor=${nextCursor}>; rel="next"` : '';
  if (link && link.length <= LINK_HEADER_MAX) c.header('link', link);
  return { works, total: found.total, next_cursor: nextCursor, notices: found.notices.map(noticeMessage) };
}
