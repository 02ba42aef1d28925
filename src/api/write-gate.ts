/**
 * The steps every API write starts with, in the order the site's forms take
 * them: a token with the write scope (401 without one, 403 for a read-only
 * token) → the work exists (404) → the work policy lets this person change
 * it (403; someone else's draft is simply not there, 404) → the posting
 * rate limit that the forms share, for writes that add text.
 */
import type { MiddlewareHandler } from 'hono';
import type { Viewer } from '../web/context.ts';
import { can as canAsRole } from '../roles/policy.ts';
import { RULES } from '../web/rate-limit.ts';
import { knowsWorkExists, findWorkAccess } from '../visibility/index.ts';
import { canEditWork, type WorkAccess } from '../works/policy.ts';
import type { ApiContext, ApiEnv } from './middleware.ts';
import { problem, problemResponse, type ProblemResponse } from './problems.ts';
import { COMMON_ERRORS, NOT_FOUND } from './route-kit.ts';

export const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  401: problemResponse('No token was sent, or it is not valid.'),
  403: problemResponse('The token is read-only, or the work is not yours.'),
  ...NOT_FOUND,
  422: problemResponse('Some fields are not valid; `errors` names each one.'),
};

export function requireWriter(c: ApiContext): ProblemResponse | Viewer {
  const viewer = c.get('viewer');
  if (!viewer) {
    return problem(c, 'unauthenticated', 'Writing needs an API token with the write scope.', {
      headers: { 'www-authenticate': 'Bearer realm="Quire API"' },
    });
  }
  if (c.get('scope') !== 'write') {
    return problem(
      c,
      'insufficient-scope',
      'This token may only read. Make a token with the write scope in your preferences.',
      {
        headers: { 'www-authenticate': 'Bearer realm="Quire API", error="insufficient_scope", scope="write"' },
      },
    );
  }
  if (!canAsRole(viewer, 'contribute')) {
    return problem(c, 'forbidden', 'Confirm your email address (open the link we mailed you) before writing.');
  }
  return viewer;
}

/** Route middleware for every write: runs before the body is validated, so a caller without the right token learns that first. */
export const writersOnly: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const viewer = requireWriter(c);
  if (viewer instanceof Response) return viewer;
  await next();
};

export async function gateOwnWork(
  c: ApiContext,
  workId: number,
  allowed: (viewer: Viewer, work: WorkAccess) => boolean = canEditWork,
): Promise<ProblemResponse | { viewer: Viewer; access: WorkAccess }> {
  const viewer = requireWriter(c);
  if (viewer instanceof Response) return viewer;
  const access = await findWorkAccess(c.get('deps').db, workId);
  if (!access || !knowsWorkExists(viewer, access)) return problem(c, 'not-found', `There is no work ${workId}.`);
  if (!allowed(viewer, access)) return problem(c, 'forbidden', 'Only the creators of this work can change it.');
  return { viewer, access };
}

/** The forms' posting limit, per person: null when they may go on. */
export async function postingLimit(c: ApiContext, viewer: Viewer): Promise<ProblemResponse | null> {
  const wait = await c.get('deps').rateLimiter.hit(`posting:${viewer.id}`, RULES.posting);
  if (!wait) return null;
  return problem(
    c,
    'rate-limited',
    `You have posted a lot in a short time; try again in ${Math.ceil(wait / 60)} minutes.`,
    {
      headers: { 'retry-after': String(wait) },
    },
  );
}
