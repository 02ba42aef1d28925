/**
 * The token's own account at /api/v1/me: read it (any token) — its name,
 * pseuds with their descriptions, default and icon, and preferences — and
 * add, change and delete pseuds (write scope). The same policy
 * (src/users/policy.ts), form rules (pseudSchema) and commands (createPseud,
 * updatePseud, deletePseud with the page's choice for the works) as the
 * pseud pages; icons are uploaded on the page only.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Pseud } from '../accounts/accounts.table.ts';
import { createPseud, findPseud, findUserByName, listPseuds, updatePseud } from '../accounts/queries.ts';
import { preferencesSchema, PSEUD_NAME_TAKEN, pseudSchema } from '../accounts/schema.ts';
import { deletePseud, PSEUD_WORKS_CHOICES, pseudWorksChoice } from '../orphaning/delete-pseud.ts';
import { can } from '../users/policy.ts';
import type { Viewer } from '../web/context.ts';
import type { ApiContext } from './middleware.ts';
import { presentPseud } from './presenters.ts';
import { MeSchema, PseudSchema } from './schemas.ts';
import { issuesToFieldProblems, problem, problemResponse, type ProblemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, TOKEN } from './route-kit.ts';
import { requireWriter, writersOnly } from './write-gate.ts';

export const meApiRoutes = apiGroup();

const PREFERENCE_NAMES = Object.keys(preferencesSchema.shape) as (keyof typeof preferencesSchema.shape)[];

const PseudCreateSchema = z
  .object({
    name: z.string().openapi({ description: 'Letters, digits, spaces, underscores and hyphens; unique among yours.' }),
    description: z.string().optional(),
  })
  .openapi('PseudCreate');

const PseudChangeSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    is_default: z
      .boolean()
      .optional()
      .openapi({ description: 'true makes it your default pseud (the default stays so until another is made it).' }),
  })
  .openapi('PseudChange');

const PseudIdParams = z.object({
  id: z.coerce
    .number({ error: 'Give a whole number.' })
    .int('Give a whole number.')
    .min(1, 'Ids start at 1.')
    .max(2_147_483_647, 'There is nothing with an id that large.')
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const PseudDeleteQuery = z.object({
  works: z
    .enum(PSEUD_WORKS_CHOICES)
    .default('move')
    .openapi({
      param: { name: 'works', in: 'query' },
      description:
        '`move` its works to `move_to` (default: your default pseud); `orphan-keep` orphans them as "orphan_account (pseud)"; `orphan-drop` without the name.',
    }),
  move_to: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .openapi({ param: { name: 'move_to', in: 'query' }, description: 'Another of your pseuds.' }),
});

const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  401: problemResponse('No token was sent, or it is not valid.'),
  403: problemResponse('The token is read-only.'),
  422: problemResponse('Some fields are not valid; `errors` names each one.'),
};

/** The pseud form's rules on a JSON body, with the API's field problems. */
function checkPseud(c: ApiContext, body: { name: string; description: string }) {
  const parsed = pseudSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  return problem(c, 'invalid-input', 'Some fields are not valid.', {
    errors: issuesToFieldProblems(parsed.error.issues),
  });
}

const nameTaken = (c: ApiContext) =>
  problem(c, 'invalid-input', 'Some fields are not valid.', { errors: [{ field: 'name', detail: PSEUD_NAME_TAKEN }] });

/** The writer and the pseud of theirs the path names (another person's is not there for them: 404). */
async function ownPseud(c: ApiContext, id: number): Promise<ProblemResponse | { viewer: Viewer; pseud: Pseud }> {
  const viewer = requireWriter(c);
  if (viewer instanceof Response) return viewer;
  const pseud = can(viewer, 'manage-pseuds', viewer) ? await findPseud(c.get('deps').db, viewer.id, id) : undefined;
  if (!pseud) return problem(c, 'not-found', 'That pseud is not one of yours.');
  return { viewer, pseud };
}

meApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Your account'],
    summary: 'Who the token acts for: your name, scope, pseuds and preferences',
    security: TOKEN,
    responses: {
      200: jsonContent(MeSchema, 'The token’s account.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
    },
  }),
  async (c) => {
    const viewer = c.get('viewer');
    const scope = c.get('scope');
    if (!viewer || !scope) return problem(c, 'unauthenticated', 'Send an API token to ask who it acts for.');
    const { db, config } = c.get('deps');
    const user = await findUserByName(db, viewer.username);
    if (!user) return problem(c, 'unauthenticated', 'The token’s account is gone.');
    const pseuds = await listPseuds(db, user.id);
    const preferences = Object.fromEntries(PREFERENCE_NAMES.map((name) => [name, user[name] === 1]));
    return c.json(
      {
        username: user.username,
        scope,
        pseuds: pseuds.map((p) => presentPseud(user, p, config.baseUrl)),
        preferences,
      },
      200,
    );
  },
);

meApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/me/pseuds',
    tags: ['Your account'],
    summary: 'Add a pseud',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { body: { content: { 'application/json': { schema: PseudCreateSchema } }, required: true } },
    responses: { 201: jsonContent(PseudSchema, 'The new pseud.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const body = c.req.valid('json');
    const checked = checkPseud(c, { name: body.name, description: body.description ?? '' });
    if (checked instanceof Response) return checked;
    if (!can(viewer, 'manage-pseuds', viewer)) return problem(c, 'forbidden', 'You may not change these pseuds.');
    const pseud = await createPseud(c.get('deps').db, viewer.id, checked);
    if (!pseud) return nameTaken(c);
    return c.json(presentPseud(viewer, pseud, c.get('deps').config.baseUrl), 201);
  },
);

meApiRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/me/pseuds/{id}',
    tags: ['Your account'],
    summary: 'Change a pseud: its name, description, or make it the default',
    description: 'Only the fields sent change.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: PseudIdParams,
      body: { content: { 'application/json': { schema: PseudChangeSchema } }, required: true },
    },
    responses: { 200: jsonContent(PseudSchema, 'The pseud as it is now.'), ...WRITE_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const found = await ownPseud(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const { viewer, pseud } = found;
    const body = c.req.valid('json');
    if (body.is_default === false && pseud.is_default) {
      return problem(c, 'invalid-input', 'Some fields are not valid.', {
        errors: [{ field: 'is_default', detail: 'This is your default pseud; make another one the default instead.' }],
      });
    }
    const checked = checkPseud(c, {
      name: body.name ?? pseud.name,
      description: body.description ?? pseud.description,
    });
    if (checked instanceof Response) return checked;
    const { db } = c.get('deps');
    const outcome = await updatePseud(db, viewer.id, pseud.id, { ...checked, makeDefault: body.is_default === true });
    if (outcome === 'taken') return nameTaken(c);
    if (outcome === 'not-found') return problem(c, 'not-found', 'That pseud is not one of yours.');
    return c.json(presentPseud(viewer, (await findPseud(db, viewer.id, pseud.id))!, c.get('deps').config.baseUrl), 200);
  },
);

meApiRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/me/pseuds/{id}',
    tags: ['Your account'],
    summary: 'Delete a pseud, moving its works to another of yours or orphaning them',
    description:
      'As on the pseud’s delete page: its bookmarks and comments move to the pseud chosen (or your default). Your default pseud cannot be deleted (409).',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: PseudIdParams, query: PseudDeleteQuery },
    responses: {
      204: { description: 'The pseud is gone.' },
      ...WRITE_ERRORS,
      ...NOT_FOUND,
      409: problemResponse('It is your default pseud.'),
    },
  }),
  async (c) => {
    const found = await ownPseud(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const { viewer, pseud } = found;
    const query = c.req.valid('query');
    const { db } = c.get('deps');
    const moveTo = query.move_to ?? (await listPseuds(db, viewer.id)).find((p) => p.is_default)?.id;
    const outcome = await deletePseud(db, viewer.id, pseud.id, pseudWorksChoice(query.works, moveTo));
    if (outcome === 'is-default') return problem(c, 'conflict', 'Your default pseud cannot be deleted.');
    if (outcome === 'not-found') return problem(c, 'not-found', 'That pseud is not one of yours.');
    if (outcome === 'bad-target') {
      return problem(c, 'invalid-input', 'Some fields are not valid.', {
        errors: [{ field: 'move_to', detail: 'Choose another of your pseuds.' }],
      });
    }
    return c.body(null, 204);
  },
);
