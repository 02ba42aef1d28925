/**
 * Kudos through the API: who left kudos on a work (read as the work is
 * read), and leaving kudos with a write-scope token — the same command as
 * the site's button (src/kudos/leave-kudos.ts), so the same rules, the same
 * rate limit and the same "already" answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { loadKudosLine, type KudosLineData } from '../kudos/kudos-section.tsx';
import { leaveKudos } from '../kudos/leave-kudos.ts';
import { outcomeMessage } from '../kudos/routes.tsx';
import { clientAddress } from '../web/context.ts';
import { asAppContext } from './middleware.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TOKEN, WorkParams } from './route-kit.ts';
import { openWork } from './work-read-routes.ts';
import { requireWriter, writersOnly } from './write-gate.ts';

export const kudosApiRoutes = apiGroup();

const KudosSchema = z
  .object({
    count: z.number().int().openapi({ description: 'Every kudos: accounts and guests.' }),
    users: z.number().int(),
    guests: z.number().int().openapi({ description: 'Guests, and accounts since closed.' }),
    names: z.array(z.string()).openapi({ description: 'The usernames of the latest 50 givers, newest first.' }),
  })
  .openapi('Kudos');

const KudosResultSchema = z
  .object({
    result: z.enum(['left', 'already']),
    message: z.string().openapi({ example: 'Thank you for leaving kudos!' }),
    kudos: KudosSchema,
  })
  .openapi('KudosResult');

const presentKudos = (line: KudosLineData) => ({
  count: line.users + line.guests,
  users: line.users,
  guests: line.guests,
  names: line.names,
});

kudosApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works/{id}/kudos',
    tags: ['Works'],
    summary: 'Who left kudos on a work',
    security: OPTIONAL_TOKEN,
    request: { params: WorkParams },
    responses: {
      200: jsonContent(KudosSchema, 'The kudos counts and the latest givers.'),
      ...COMMON_ERRORS,
      401: problemResponse('The work is restricted and no token was sent, or the token is not valid.'),
      ...NOT_FOUND,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const gate = await openWork(c, id);
    if (gate instanceof Response) return gate;
    return c.json(presentKudos(await loadKudosLine(c.get('deps').db, id)), 200);
  },
);

kudosApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/works/{id}/kudos',
    tags: ['Writing'],
    summary: 'Leave kudos on a work',
    description:
      'One kudos per work per account. Leaving it again answers 200 with `result: "already"`; creators cannot leave kudos on their own work, nor can a reader a creator blocked (403).',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: WorkParams },
    responses: {
      201: jsonContent(KudosResultSchema, 'The kudos is left.'),
      200: jsonContent(KudosResultSchema, 'This account had already left kudos here.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
      403: problemResponse('The token is read-only, the work is yours, or its creator blocked you.'),
      ...NOT_FOUND,
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { id } = c.req.valid('param');
    const { db, rateLimiter } = c.get('deps');
    const outcome = await leaveKudos(db, rateLimiter, {
      viewer,
      workId: id,
      chapterId: null,
      address: clientAddress(asAppContext(c)),
    });
    const { message } = outcomeMessage(outcome);
    switch (outcome.kind) {
      case 'left':
      case 'already': {
        const kudos = presentKudos(await loadKudosLine(db, id));
        return c.json({ result: outcome.kind, message, kudos }, outcome.kind === 'left' ? 201 : 200);
      }
      case 'rate_limited':
        return problem(c, 'rate-limited', message, { headers: { 'retry-after': String(outcome.waitSeconds) } });
      case 'refused':
        return problem(c, outcome.reason === 'not_found' ? 'not-found' : 'forbidden', message);
    }
  },
);
