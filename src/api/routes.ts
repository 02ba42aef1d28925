/**
 * The JSON API, mounted at /api/v1 with its own middleware (middleware.ts:
 * token → rate limit → CORS for reads → caching). The OpenAPI 3.1 document
 * at /api/v1/openapi.json is generated from the routes' zod schemas, and
 * /api/v1/docs renders it as a reference page. Anything else under /api/v1
 * is a problem+json 404, and errors are problem+json too, never HTML.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { chapterWriteRoutes } from './chapter-write-routes.ts';
import { kudosApiRoutes } from './kudos-routes.ts';
import { bookmarkApiRoutes } from './bookmark-routes.ts';
import { reportApiRoutes } from './report-routes.ts';
import { commentApiRoutes } from './comment-routes.ts';
import { renderApiDocs, type ApiDocument } from './docs-page.tsx';
import { asAppContext, authenticate, cacheReads, corsForReads, rateLimit, type ApiEnv } from './middleware.ts';
import { problem, type ProblemKind } from './problems.ts';
import { inboxApiRoutes } from './inbox-routes.ts';
import { meApiRoutes } from './me-routes.ts';
import { subscriptionApiRoutes } from './subscription-routes.ts';
import { readingApiRoutes } from './reading-routes.ts';
import { tagUserReadRoutes } from './tag-user-read-routes.ts';
import { tagSetApiRoutes } from './tag-set-routes.ts';
import { collectionApiRoutes } from './collection-routes.ts';
import { workReadRoutes } from './work-read-routes.ts';
import { workWriteRoutes } from './work-write-routes.ts';

export const apiRoutes = new OpenAPIHono<ApiEnv>();

// CORS first, so a browser's preflight (which carries no token) is answered before anything else.
apiRoutes.use('*', corsForReads, authenticate, rateLimit, cacheReads);

apiRoutes.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'A personal API token made in Preferences → API tokens. Scope `read` or `write`.',
});

apiRoutes.route('/', workReadRoutes);
apiRoutes.route('/', tagUserReadRoutes);
apiRoutes.route('/', workWriteRoutes);
apiRoutes.route('/', chapterWriteRoutes);
apiRoutes.route('/', kudosApiRoutes);
apiRoutes.route('/', reportApiRoutes);
apiRoutes.route('/', commentApiRoutes);
apiRoutes.route('/', inboxApiRoutes);
apiRoutes.route('/', subscriptionApiRoutes);
apiRoutes.route('/', bookmarkApiRoutes);
apiRoutes.route('/', readingApiRoutes);
apiRoutes.route('/', tagSetApiRoutes);
apiRoutes.route('/', meApiRoutes);
apiRoutes.route('/', collectionApiRoutes);

export const API_INFO = {
  title: 'Quire API',
  version: '1.0.0',
  description:
    'Read works, chapters, tags, users, collections and comments, your account, your inbox, your subscriptions and your readings (history, marked for later, statuses); post and edit your own works, add them to collections, manage your pseuds, and comment. Reads need no token, but only a token ' +
    'sees restricted works, your drafts and your inbox; writes need a token with the write scope. Errors are RFC 9457 problem details.',
};

/** The OpenAPI document, with this archive's address as the server. */
export function apiDocument(baseUrl: string) {
  return apiRoutes.getOpenAPI31Document({
    openapi: '3.1.0',
    info: API_INFO,
    servers: [{ url: new URL('/api/v1', baseUrl).toString() }],
  });
}

apiRoutes.get('/openapi.json', (c) => c.json(apiDocument(c.get('deps').config.baseUrl)));
apiRoutes.get('/docs', (c) =>
  renderApiDocs(asAppContext(c), apiDocument(c.get('deps').config.baseUrl) as unknown as ApiDocument),
);

apiRoutes.all('*', (c) => problem(c, 'not-found', 'There is no API route here; the reference is at /api/v1/docs.'));

apiRoutes.onError((error, c) => {
  if (error instanceof HTTPException) {
    const byStatus: Record<number, ProblemKind> = { 403: 'forbidden', 404: 'not-found', 415: 'unsupported-media-type' };
    const kind = byStatus[error.status] ?? 'bad-request';
    return problem(c, kind, error.message || 'The request could not be read.');
  }
  c.get('deps').logger.error({ err: error, method: c.req.method, path: c.req.path }, 'API request failed');
  return problem(c, 'server-error', 'The archive hit an error. Nothing was half-saved; please try again.');
});
