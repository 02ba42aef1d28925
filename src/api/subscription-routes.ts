/**
 * A member's subscriptions through the API, token-scoped: list them (read
 * or write scope), subscribe to a work, series or creator and unsubscribe
 * (write scope) — the same command and rules as the site's button
 * (src/subscriptions/subscribe.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { REFUSAL_MESSAGES } from '../subscriptions/policy.ts';
import { deleteSubscription, listSubscriptions, type ListedSubscription } from '../subscriptions/queries.ts';
import { subscribe, SUBSCRIPTION_KINDS } from '../subscriptions/subscribe.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, TOKEN, WorkParams } from './route-kit.ts';
import { requireWriter, writersOnly } from './write-gate.ts';

export const subscriptionApiRoutes = apiGroup();

const SubscriptionSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(SUBSCRIPTION_KINDS as ['work', 'series', 'creator', 'tag', 'filter']).openapi({
      description:
        '`work`: its new chapters; `series`: its new works; `creator`: their new works; `tag`: new works in it; `filter`: new works one of your saved filters finds.',
    }),
    target_id: z.number().int().openapi({ description: 'The work’s, series’, user’s or tag’s id.' }),
    name: z.string().openapi({ description: 'The work’s or series’ title, the creator’s username or the tag’s name.' }),
  })
  .openapi('Subscription');

const SubscriptionCreateSchema = z
  .object({
    kind: z.enum(SUBSCRIPTION_KINDS as ['work', 'series', 'creator', 'tag', 'filter']),
    target_id: z.number().int().min(1).max(2_147_483_647),
  })
  .openapi('SubscriptionCreate');

const present = (s: ListedSubscription) => ({ id: s.id, kind: s.kind, target_id: s.targetId, name: s.name });

subscriptionApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/subscriptions',
    tags: ['Subscriptions'],
    summary: 'Your subscriptions',
    security: TOKEN,
    responses: {
      200: jsonContent(z.object({ subscriptions: z.array(SubscriptionSchema) }), 'Your subscriptions, newest first.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
    },
  }),
  async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return problem(c, 'unauthenticated', 'Send an API token to read your subscriptions.');
    const rows = await listSubscriptions(c.get('deps').db, viewer.id);
    return c.json({ subscriptions: rows.map(present) }, 200);
  },
);

subscriptionApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/subscriptions',
    tags: ['Subscriptions'],
    summary: 'Subscribe to a work, a series or a creator',
    description: 'Subscribing again answers 200 with the subscription you had.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { body: { content: { 'application/json': { schema: SubscriptionCreateSchema } }, required: true } },
    responses: {
      201: jsonContent(SubscriptionSchema, 'The new subscription.'),
      200: jsonContent(SubscriptionSchema, 'You already had it.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
      403: problemResponse('The token is read-only, or it is yourself.'),
      ...NOT_FOUND,
      422: problemResponse('Some fields are not valid; `errors` names each one.'),
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { kind, target_id: targetId } = c.req.valid('json');
    const { db } = c.get('deps');
    const outcome = await subscribe(db, viewer, kind, targetId);
    if (outcome.kind === 'refused') {
      return problem(c, outcome.reason === 'not_found' ? 'not-found' : 'forbidden', REFUSAL_MESSAGES[outcome.reason]);
    }
    const row = (await listSubscriptions(db, viewer.id)).find((s) => s.id === outcome.id)!;
    return c.json(present(row), outcome.kind === 'added' ? 201 : 200);
  },
);

subscriptionApiRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/subscriptions/{id}',
    tags: ['Subscriptions'],
    summary: 'Unsubscribe',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: WorkParams },
    responses: {
      204: { description: 'The subscription is gone.' },
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
      403: problemResponse('The token is read-only.'),
      ...NOT_FOUND,
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const removed = await deleteSubscription(c.get('deps').db, viewer.id, c.req.valid('param').id);
    if (!removed) return problem(c, 'not-found', 'You have no such subscription.');
    return c.body(null, 204);
  },
);
