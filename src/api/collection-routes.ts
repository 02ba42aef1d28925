/**
 * Collections through the API: every collection (the index page's filters
 * and sorts), one collection's profile with its maintainers and
 * subcollections, its works (the site's listing filters, through the same
 * `collectionIds` listing scope as its page: a reader sees no unrevealed
 * work and no anonymous work's creators, its maintainers see every work),
 * and adding a work to one with a write token — the same command as the
 * work page's form, so a closed collection refuses and a moderated one
 * queues.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Collection } from '../collections/collections.table.ts';
import { submitWork } from '../collections/commands.ts';
import { canMaintain } from '../collections/policy.ts';
import {
  collectionAndDescendantIds,
  countMysteryWorks,
  findCollectionById,
  findCollectionByName,
  findRole,
  listChildren,
  listCollections,
  listParticipants,
  type CollectionSort,
} from '../collections/queries.ts';
import { collectionPath } from '../collections/views.tsx';
import { sanitizeBody } from '../html/body.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { isCreator, listingAudience, maintainerAudience } from '../visibility/index.ts';
import { ListingQuerySchema, listWorksFor } from './listing.ts';
import type { ApiContext } from './middleware.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TOKEN } from './route-kit.ts';
import { WorkListSchema } from './schemas.ts';
import { gateOwnWork, WRITE_ERRORS, writersOnly } from './write-gate.ts';

export const collectionApiRoutes = apiGroup();

const CollectionParams = z.object({
  collection: z
    .string()
    .openapi({ param: { name: 'collection', in: 'path' }, description: 'Its short name.', example: 'harbour_fest' }),
});

const SettingsSchema = z.object({
  is_closed: z.boolean().openapi({ description: 'Takes no new works (members still may post).' }),
  is_moderated: z.boolean().openapi({ description: 'New works wait for a maintainer’s approval.' }),
  is_anonymous: z.boolean().openapi({ description: 'Its works’ creators are hidden until the reveal.' }),
  is_unrevealed: z.boolean().openapi({ description: 'Its works are Mystery Works until the reveal.' }),
});

const CollectionRefSchema = z.object({ name: z.string(), title: z.string(), url: z.string() }).openapi('CollectionRef');

const CollectionSummarySchema = CollectionRefSchema.extend({
  ...SettingsSchema.shape,
  works: z.number().int().openapi({ description: 'Approved works this caller may see.' }),
}).openapi('CollectionSummary');

const CollectionSchema = CollectionRefSchema.extend({
  ...SettingsSchema.shape,
  is_members_only: z.boolean().openapi({ description: 'Only its members may post to it.' }),
  description_html: z.string(),
  introduction_html: z.string(),
  rules_html: z.string(),
  faq_html: z.string(),
  parent: CollectionRefSchema.nullable(),
  subcollections: z.array(CollectionRefSchema),
  maintainers: z.array(z.object({ username: z.string(), role: z.enum(['owner', 'moderator']) })),
  mystery_works: z
    .number()
    .int()
    .openapi({ description: 'Unrevealed works in it, counted but not listed (0 for its maintainers, who see them).' }),
  works_url: z.string(),
}).openapi('Collection');

const ListQuery = z.object({
  closed: z.enum(['yes', 'no']).optional().openapi({ description: 'Only closed (yes) or open (no) collections.' }),
  moderated: z.enum(['yes', 'no']).optional(),
  fandom: z.string().max(150).optional().openapi({ description: 'Only collections with a work in this fandom.' }),
  sort: z.enum(['title', 'created', 'size']).optional().openapi({ description: 'Default: title.' }),
});

const AddWorkSchema = z
  .object({ work_id: z.number().int().min(1).max(2_147_483_647).openapi({ example: 42 }) })
  .openapi('CollectionAddWork');

const ItemSchema = z
  .object({
    collection: CollectionRefSchema,
    work_id: z.number().int(),
    status: z.enum(['approved', 'awaiting']).openapi({ description: 'In it, or waiting for a maintainer.' }),
  })
  .openapi('CollectionItem');

const ref = (c: Pick<Collection, 'name' | 'title'>, baseUrl: string) => ({
  name: c.name,
  title: c.title,
  url: new URL(collectionPath(c.name), baseUrl).toString(),
});
const settings = (c: Pick<Collection, 'is_closed' | 'is_moderated' | 'is_anonymous' | 'is_unrevealed'>) => ({
  is_closed: c.is_closed === 1,
  is_moderated: c.is_moderated === 1,
  is_anonymous: c.is_anonymous === 1,
  is_unrevealed: c.is_unrevealed === 1,
});

/** The collection at `name` and whether this caller maintains it, or null. */
async function openCollection(c: ApiContext, name: string) {
  const { db } = c.get('deps');
  const collection = await findCollectionByName(db, name);
  if (!collection) return null;
  const viewer = c.get('viewer');
  const role = viewer ? await findRole(db, collection.id, viewer.id) : null;
  return { collection, maintains: canMaintain(viewer, role) };
}

const noSuchCollection = (c: ApiContext, name: string) =>
  problem(c, 'not-found', `There is no collection “${name}” here.`);

collectionApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/collections',
    tags: ['Collections'],
    summary: 'List collections',
    description: 'Every collection, with the filters and sorts of the /collections page (at most 500).',
    security: OPTIONAL_TOKEN,
    request: { query: ListQuery },
    responses: {
      200: jsonContent(z.object({ collections: z.array(CollectionSummarySchema) }), 'The collections.'),
      ...COMMON_ERRORS,
    },
  }),
  async (c) => {
    const { db, config } = c.get('deps');
    const query = c.req.valid('query');
    const named = query.fandom?.trim() ? await findTagByName(db, query.fandom.trim()) : undefined;
    const fandom = (named?.synonym_of_id ? await findTagById(db, named.synonym_of_id) : undefined) ?? named;
    const yesNo = (v: 'yes' | 'no' | undefined) => (v === undefined ? undefined : v === 'yes');
    const rows =
      query.fandom?.trim() && !fandom
        ? []
        : await listCollections(
            db,
            {
              closed: yesNo(query.closed),
              moderated: yesNo(query.moderated),
              fandom: fandom ? { id: fandom.id, isCanonical: fandom.is_canonical === 1 } : undefined,
              sort: (query.sort ?? 'title') as CollectionSort,
            },
            listingAudience(c.get('viewer')),
          );
    return c.json(
      { collections: rows.map((r) => ({ ...ref(r, config.baseUrl), ...settings(r), works: r.size })) },
      200,
    );
  },
);

collectionApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/collections/{collection}',
    tags: ['Collections'],
    summary: 'A collection: its profile, settings, maintainers and subcollections',
    security: OPTIONAL_TOKEN,
    request: { params: CollectionParams },
    responses: { 200: jsonContent(CollectionSchema, 'The collection.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { collection: name } = c.req.valid('param');
    const opened = await openCollection(c, name);
    if (!opened) return noSuchCollection(c, name);
    const { collection, maintains } = opened;
    const { db, config } = c.get('deps');
    const [parent, children, people, mysteries] = await Promise.all([
      collection.parent_id ? findCollectionById(db, collection.parent_id) : undefined,
      listChildren(db, collection.id),
      listParticipants(db, collection.id),
      maintains
        ? 0
        : collectionAndDescendantIds(db, collection.id).then((ids) =>
            countMysteryWorks(db, ids, listingAudience(c.get('viewer'))),
          ),
    ]);
    return c.json(
      {
        ...ref(collection, config.baseUrl),
        ...settings(collection),
        is_members_only: collection.is_members_only === 1,
        description_html: sanitizeBody(collection.description),
        introduction_html: sanitizeBody(collection.introduction),
        rules_html: sanitizeBody(collection.rules),
        faq_html: sanitizeBody(collection.faq),
        parent: parent ? ref(parent, config.baseUrl) : null,
        subcollections: children.map((child) => ref(child, config.baseUrl)),
        maintainers: people.flatMap((p) =>
          p.role === 'member' ? [] : [{ username: p.username, role: p.role as 'owner' | 'moderator' }],
        ),
        mystery_works: mysteries,
        works_url: new URL(`/api/v1${collectionPath(collection.name)}/works`, config.baseUrl).toString(),
      },
      200,
    );
  },
);

collectionApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/collections/{collection}/works',
    tags: ['Collections'],
    summary: 'A collection’s works',
    description:
      'Its and its subcollections’ approved works, with exactly the filters and sorts of the site’s listings. Unrevealed works are listed only to its maintainers; anonymous works have no creators.',
    security: OPTIONAL_TOKEN,
    request: { params: CollectionParams, query: ListingQuerySchema },
    responses: { 200: jsonContent(WorkListSchema, 'One page of works.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { collection: name } = c.req.valid('param');
    const opened = await openCollection(c, name);
    if (!opened) return noSuchCollection(c, name);
    const viewer = c.get('viewer');
    const collectionIds = await collectionAndDescendantIds(c.get('deps').db, opened.collection.id);
    const audience = opened.maintains ? maintainerAudience(viewer) : listingAudience(viewer);
    const listed = await listWorksFor(c, { ...audience, collectionIds });
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);

collectionApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/collections/{collection}/works',
    tags: ['Collections'],
    summary: 'Add your work to a collection',
    description:
      'As the work page’s “Add to collection”: in at once, or waiting for a maintainer when the collection is moderated. A closed or members-only collection refuses non-members (409).',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: CollectionParams,
      body: { content: { 'application/json': { schema: AddWorkSchema } }, required: true },
    },
    responses: {
      201: jsonContent(ItemSchema, 'The work is in the collection, or waits for approval.'),
      ...WRITE_ERRORS,
      409: problemResponse('The collection refuses the work: closed, members only, or it declined it before.'),
    },
  }),
  async (c) => {
    const { collection: name } = c.req.valid('param');
    const { work_id: workId } = c.req.valid('json');
    const gate = await gateOwnWork(c, workId, isCreator);
    if (gate instanceof Response) return gate;
    const opened = await openCollection(c, name);
    if (!opened) return noSuchCollection(c, name);
    const { db, config } = c.get('deps');
    const result = await db
      .transaction()
      .execute((trx) => submitWork(trx, gate.viewer, opened.collection, workId, new Date()));
    if (!result.ok) return problem(c, 'conflict', result.reason);
    const status: 'approved' | 'awaiting' = result.status === 'awaiting' ? 'awaiting' : 'approved';
    return c.json({ collection: ref(opened.collection, config.baseUrl), work_id: workId, status }, 201);
  },
);
