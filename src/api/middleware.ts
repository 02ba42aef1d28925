/**
 * What every /api/v1 request passes before its route, in order: who is
 * calling (an API token, or nobody — a browser's session cookie never
 * counts, so no other site can borrow it), the rate limit of that token or
 * else of the address (with RateLimit and RateLimit-Policy headers on every
 * answer), CORS for reads only, and caching headers on reads.
 */
import { can } from '../roles/policy.ts';
import { suspensionText } from '../moderation/suspension.ts';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import type { TokenScope } from '../accounts/accounts.table.ts';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import type { RateLimitRule } from '../web/rate-limit.ts';
import { authenticateBearer, readAuthorization } from '../accounts/credentials.ts';
import { problem } from './problems.ts';

export type ApiEnv = {
  Variables: AppEnv['Variables'] & {
    /** The token's scope; null for a request without a token. */
    scope: Exclude<TokenScope, 'opds'> | null;
  };
};

export type ApiContext = Context<ApiEnv>;

/** The archive-wide context view of an API context (same variables, plus the scope). */
export const asAppContext = (c: Context<ApiEnv>) => c as unknown as AppContext;

/** Per token: generous, since a token is a known person. Per address: what guests share. */
export const API_RULES = {
  token: { limit: 600, windowMs: 60_000 },
  address: { limit: 120, windowMs: 60_000 },
} satisfies Record<string, RateLimitRule>;

const BEARER_CHALLENGE = 'Bearer realm="Quire API"';

export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  c.set('viewer', null);
  c.set('scope', null);
  const header = c.req.header('authorization');
  if (header) {
    const credentials = readAuthorization(header);
    if (credentials?.kind !== 'bearer') {
      return problem(c, 'unauthenticated', 'Send an API token as "Authorization: Bearer <token>".', {
        headers: { 'www-authenticate': BEARER_CHALLENGE },
      });
    }
    const found = await authenticateBearer(c.get('deps').db, credentials.token);
    if (!found) {
      return problem(c, 'unauthenticated', 'This API token is not valid: it was revoked, or never existed.', {
        headers: { 'www-authenticate': `${BEARER_CHALLENGE}, error="invalid_token"` },
      });
    }
    c.set('viewer', found.viewer);
    c.set('scope', found.scope as 'read' | 'write');
    // A suspended person's token still reads; it writes nothing but reports (src/moderation/suspension.ts).
    if (!isRead(c.req.method) && !can(found.viewer, 'write') && !c.req.path.endsWith('/reports')) {
      return problem(c, 'forbidden', suspensionText(found.viewer.suspendedUntil ?? '', null));
    }
  }
  await next();
};

/** Counts the request against its token (or, without one, its address) and says what is left. */
export const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const viewer = c.get('viewer');
  const [policy, key, rule] = viewer
    ? ['token', `api:token:${viewer.id}`, API_RULES.token]
    : ['address', `api:address:${clientAddress(asAppContext(c))}`, API_RULES.address];
  const state = await c.get('deps').rateLimiter.take(key, rule);
  const headers = {
    'ratelimit-policy': `"${policy}";q=${rule.limit};w=${rule.windowMs / 1000}`,
    ratelimit: `"${policy}";r=${state.remaining};t=${state.resetSeconds}`,
  };
  if (state.wait) {
    return problem(c, 'rate-limited', `Too many requests; try again in ${state.wait} seconds.`, {
      headers: { ...headers, 'retry-after': String(state.wait) },
    });
  }
  await next();
  for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
};

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

const readCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD'],
  allowHeaders: ['Authorization', 'If-None-Match'],
  exposeHeaders: ['ETag', 'Link', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
  maxAge: 600,
});

/**
 * Any site may read through the API (with the reader's own token, never a
 * cookie). Writes get no CORS headers, so browsers refuse cross-site
 * writes before they are sent.
 */
export const corsForReads: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const method = c.req.method;
  const preflightFor = c.req.header('access-control-request-method')?.toUpperCase();
  if (isRead(method) || (method === 'OPTIONS' && preflightFor && isRead(preflightFor))) return readCors(c, next);
  if (method === 'OPTIONS' && preflightFor) return c.body(null, 204);
  await next();
};

const readEtag = etag();

/** Reads carry an ETag (If-None-Match gives 304) and say who may cache them. */
export const cacheReads: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (!isRead(c.req.method)) return next();
  await readEtag(c, next);
  if (c.res.status !== 200 && c.res.status !== 304) return;
  // What a token sees (restricted works, drafts) is that person's alone.
  c.res.headers.set('cache-control', c.get('viewer') ? 'private, no-cache' : 'public, max-age=60');
  c.res.headers.append('vary', 'Authorization');
};
