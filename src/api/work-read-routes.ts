/**
 * Reading works through the API: the works listing (the site's filters and
 * sorts, cursor paging), search, one work with its chapters and stats, and
 * one chapter with its text. What a caller may see is decided by the work
 * policy, exactly as for a browser: restricted works need a token, drafts
 * are their creators' alone, hidden works are gone.
 */
import { createRoute } from '@hono/zod-openapi';
import { loadWorkForDisplay, withoutCreatorsTrail, type WorkForDisplay } from '../works/display-queries.ts';
import { whyCannotReadWork, type WorkAccess } from '../works/policy.ts';
import { findWorkAccess, hidesCreatorsFrom, listingAudience } from '../visibility/index.ts';
import { visibleChapters } from '../works/work-page.tsx';
import { ListingQuerySchema, listWorksFor } from './listing.ts';
import type { ApiContext } from './middleware.ts';
import { presentChapter, presentWork } from './presenters.ts';
import { problem, problemResponse, type ProblemResponse } from './problems.ts';
import {
  apiGroup,
  ChapterParams,
  COMMON_ERRORS,
  jsonContent,
  NOT_FOUND,
  OPTIONAL_TOKEN,
  WorkParams,
} from './route-kit.ts';
import { ChapterSchema, WorkListSchema, WorkSchema } from './schemas.ts';

export const workReadRoutes = apiGroup();

const READ_ERRORS = {
  ...COMMON_ERRORS,
  401: problemResponse('The work is restricted and no token was sent, or the token is not valid.'),
  ...NOT_FOUND,
};

/** The work if this caller may read it, else the problem to send. */
export async function openWork(
  c: ApiContext,
  workId: number,
): Promise<ProblemResponse | { work: WorkForDisplay; access: WorkAccess }> {
  const { db } = c.get('deps');
  const access = await findWorkAccess(db, workId);
  const refusal = access ? whyCannotReadWork(c.get('viewer'), access) : 'not_found';
  if (refusal === 'log_in') {
    return problem(c, 'unauthenticated', 'This work is restricted to readers with an account: send an API token.', {
      headers: { 'www-authenticate': 'Bearer realm="Quire API"' },
    });
  }
  if (refusal === 'hidden') return problem(c, 'not-found', 'This work has been hidden by a moderator.');
  const loaded =
    access && !refusal ? await loadWorkForDisplay(db, workId, listingAudience(c.get('viewer'))) : undefined;
  if (!loaded || !access) return problem(c, 'not-found', `There is no work ${workId}.`);
  const work = hidesCreatorsFrom(c.get('viewer'), access) ? withoutCreatorsTrail(loaded) : loaded;
  return { work, access };
}

workReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works',
    tags: ['Works'],
    summary: 'List works',
    description: 'The works listing with exactly the filters and sorts of the site’s listings, 20 a page.',
    security: OPTIONAL_TOKEN,
    request: { query: ListingQuerySchema },
    responses: { 200: jsonContent(WorkListSchema, 'One page of works.'), ...COMMON_ERRORS },
  }),
  async (c) => {
    const listed = await listWorksFor(c, listingAudience(c.get('viewer')));
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);

workReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/search',
    tags: ['Works'],
    summary: 'Search works',
    description:
      'Full-text search (title, creators, tags, summary, notes and the work text), best match first; takes every listing filter too.',
    security: OPTIONAL_TOKEN,
    request: {
      query: ListingQuerySchema.extend({
        q: ListingQuerySchema.shape.q.unwrap().min(1, 'Type something to search for.'),
      }),
    },
    responses: { 200: jsonContent(WorkListSchema, 'One page of results.'), ...COMMON_ERRORS },
  }),
  async (c) => {
    const listed = await listWorksFor(c, listingAudience(c.get('viewer')));
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);

workReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works/{id}',
    tags: ['Works'],
    summary: 'A work with its chapters and stats',
    security: OPTIONAL_TOKEN,
    request: { params: WorkParams },
    responses: { 200: jsonContent(WorkSchema, 'The work.'), ...READ_ERRORS },
  }),
  async (c) => {
    const gate = await openWork(c, c.req.valid('param').id);
    if (gate instanceof Response) return gate;
    const viewer = c.get('viewer');
    const chapters = visibleChapters(gate.work, viewer, gate.access);
    return c.json(presentWork(gate.work, chapters, viewer, c.get('deps').config.baseUrl, c.get('site')), 200);
  },
);

workReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works/{id}/chapters/{chapterId}',
    tags: ['Works'],
    summary: 'A chapter with its text',
    security: OPTIONAL_TOKEN,
    request: { params: ChapterParams },
    responses: { 200: jsonContent(ChapterSchema, 'The chapter.'), ...READ_ERRORS },
  }),
  async (c) => {
    const { id, chapterId } = c.req.valid('param');
    const gate = await openWork(c, id);
    if (gate instanceof Response) return gate;
    const chapter = visibleChapters(gate.work, c.get('viewer'), gate.access).find((ch) => ch.id === chapterId);
    if (!chapter) return problem(c, 'not-found', `Work ${id} has no chapter ${chapterId}.`);
    return c.json(presentChapter(id, chapter, c.get('deps').config.baseUrl), 200);
  },
);
