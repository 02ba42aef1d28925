/**
 * Works listings through the API: the site's filters exactly (parsed by
 * search/form.ts, run by search/find-works.ts), with an opaque cursor in
 * place of page numbers. A cursor remembers its page and a fingerprint of
 * the filters it came from, so it cannot be replayed against other filters
 * and silently skip or repeat works.
 */
import crypto from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { CATEGORIES, RATINGS, WARNINGS } from '../domain-facts.ts';
import { MAX_PAGE, SORT_KEYS, type Filters } from '../search/filters.ts';
import { findWorks } from '../search/find-works.ts';
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

function fingerprint(filters: Filters): string {
  const key = filtersToParams({ ...filters, page: 1 }).toString();
  return crypto.createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

export function encodeCursor(filters: Filters, page: number): string {
  return Buffer.from(JSON.stringify({ p: page, f: fingerprint(filters) })).toString('base64url');
}

/** The page a cursor points at, or null when it is not a cursor of these filters. */
export function decodeCursor(cursor: string, filters: Filters): number | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; f?: unknown };
    if (!Number.isInteger(value.p) || (value.p as number) < 1 || (value.p as number) > MAX_PAGE) return null;
    return value.f === fingerprint(filters) ? (value.p as number) : null;
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
  const { filters, problems } = parseFilters(params);
  if (problems.length) {
    return problem(c, 'bad-request', 'Some filters could not be read.', {
      errors: problems.map((p) => ({ field: p.param, detail: p.message })),
    });
  }
  const cursor = params.get('cursor');
  if (cursor) {
    const page = decodeCursor(cursor, filters);
    if (page === null) {
      return problem(c, 'bad-request', 'That cursor does not belong to these filters.', {
        errors: [{ field: 'cursor', detail: 'Pass the `next_cursor` of a listing with the same filters.' }],
      });
    }
    filters.page = page;
  }
  const found = await findWorks(db, filters, scope, { facets: false });
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
  if (nextCursor) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', nextCursor);
    c.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return { works, total: found.total, next_cursor: nextCursor, notices: found.notices.map(noticeMessage) };
}
