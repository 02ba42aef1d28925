/**
 * Reading tags, users and pseuds through the API: a tag with its place in
 * the tag graph (canonical, synonyms, meta and sub tags, parents and
 * children), tag autocomplete, a tag's works, a user with their pseuds, a
 * user's or pseud's works (the same listing filters as /works). `me`, the
 * person a token acts for, is me-routes.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { findUserByName, listPseuds } from '../accounts/queries.ts';
import type { Pseud, User } from '../accounts/accounts.table.ts';
import type { TagKind } from '../tags/tags.table.ts';
import type { ListingScope } from '../search/plan.ts';
import { resolveTagNames } from '../search/queries.ts';
import { TAG_KIND_LABELS } from '../tags/kinds.ts';
import { tagNameFromSlug } from '../tags/names.ts';
import { suggestTags } from '../tags/page-queries.ts';
import { findTagByName } from '../tags/queries.ts';
import { loadTagPlace } from '../tags/tag-place.ts';
import { ListingQuerySchema, listWorksFor, scopeForTag } from './listing.ts';
import type { ApiContext } from './middleware.ts';
import { presentPseud, presentTagRef, presentUser, tagLinks } from './presenters.ts';
import { problem, problemResponse, type ProblemResponse } from './problems.ts';
import {
  apiGroup,
  COMMON_ERRORS,
  jsonContent,
  NOT_FOUND,
  OPTIONAL_TOKEN,
  PseudParams,
  TagParams,
  UserParams,
} from './route-kit.ts';
import { SuggestionSchema, TagSchema, UserSchema, WorkListSchema } from './schemas.ts';
import { creatorPageAudience, listingAudience } from '../visibility/index.ts';

export const tagUserReadRoutes = apiGroup();

const ERRORS = { ...COMMON_ERRORS, ...NOT_FOUND };
const TAG_KINDS = Object.keys(TAG_KIND_LABELS) as [TagKind, ...TagKind[]];

// Registered before /tags/{slug} so "autocomplete" is never read as a tag name.
tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tags/autocomplete',
    tags: ['Tags'],
    summary: 'Suggest tags as someone types',
    description: 'Up to 10 tags with a word starting with `q`: canonical tags first, then the most used.',
    security: OPTIONAL_TOKEN,
    request: {
      query: z.object({
        q: z.string().max(150, 'At most 150 characters.').openapi({ example: 'fam' }),
        kind: z.enum(TAG_KINDS).optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(SuggestionSchema), 'The suggestions.'), ...COMMON_ERRORS },
  }),
  async (c) => {
    const { q, kind } = c.req.valid('query');
    return c.json(await suggestTags(c.get('deps').db, listingAudience(c.get('viewer')), kind, q), 200);
  },
);

tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tags/{slug}',
    tags: ['Tags'],
    summary: 'A tag and its place among other tags',
    security: OPTIONAL_TOKEN,
    request: { params: TagParams },
    responses: { 200: jsonContent(TagSchema, 'The tag.'), ...ERRORS },
  }),
  async (c) => {
    const { db, config } = c.get('deps');
    const tag = await findTagByName(db, tagNameFromSlug(c.req.valid('param').slug));
    if (!tag) return problem(c, 'not-found', 'There is no tag with that name here.');
    const place = await loadTagPlace(db, tag, listingAudience(c.get('viewer')));
    const ref = (t: Parameters<typeof presentTagRef>[0]) => presentTagRef(t, config.baseUrl);
    return c.json(
      {
        id: tag.id,
        name: tag.name,
        kind: tag.kind,
        is_canonical: tag.is_canonical === 1,
        is_unwrangleable: tag.is_unwrangleable === 1,
        canonical: place.canonical ? ref(place.canonical) : null,
        synonyms: place.synonyms.map(ref),
        meta_tags: place.metaTags.map(ref),
        sub_tags: place.subTags.map(ref),
        parents: place.parents.map(ref),
        children: place.children.map(ref),
        works_count: place.worksCount,
        links: tagLinks(tag, config.baseUrl),
      },
      200,
    );
  },
);

tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tags/{slug}/works',
    tags: ['Tags'],
    summary: 'Works under a tag',
    description:
      'Through filter tags for a canonical tag (its synonyms and sub tags count); takes every listing filter.',
    security: OPTIONAL_TOKEN,
    request: { params: TagParams, query: ListingQuerySchema },
    responses: { 200: jsonContent(WorkListSchema, 'One page of works.'), ...ERRORS },
  }),
  async (c) => {
    const name = tagNameFromSlug(c.req.valid('param').slug);
    const tag = (await resolveTagNames(c.get('deps').db, [name])).found.get(name);
    if (!tag) return problem(c, 'not-found', 'There is no tag with that name here.');
    const listed = await listWorksFor(c, { ...listingAudience(c.get('viewer')), ...scopeForTag(tag) });
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);

async function findUser(c: ApiContext, name: string): Promise<ProblemResponse | { user: User; pseuds: Pseud[] }> {
  const { db } = c.get('deps');
  const user = await findUserByName(db, name);
  if (!user) return problem(c, 'not-found', `There is no user called "${name}" here.`);
  return { user, pseuds: await listPseuds(db, user.id) };
}

/** What a user's works listing holds: their own hidden and anonymous works only for themselves, as on their page. */
function userScope(c: ApiContext, user: User, pseudIds: number[]): ListingScope {
  return { ...creatorPageAudience(c.get('viewer'), user.id), pseudIds };
}

tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users/{name}',
    tags: ['Users'],
    summary: 'A user and their pseuds',
    security: OPTIONAL_TOKEN,
    request: { params: UserParams },
    responses: { 200: jsonContent(UserSchema, 'The user.'), ...ERRORS },
  }),
  async (c) => {
    const found = await findUser(c, c.req.valid('param').name);
    if (found instanceof Response) return found;
    return c.json(presentUser(found.user, found.pseuds, c.get('deps').config.baseUrl), 200);
  },
);

tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users/{name}/works',
    tags: ['Users'],
    summary: 'A user’s works, by all their pseuds',
    security: OPTIONAL_TOKEN,
    request: { params: UserParams, query: ListingQuerySchema },
    responses: { 200: jsonContent(WorkListSchema, 'One page of works.'), ...ERRORS },
  }),
  async (c) => {
    const found = await findUser(c, c.req.valid('param').name);
    if (found instanceof Response) return found;
    const listed = await listWorksFor(
      c,
      userScope(
        c,
        found.user,
        found.pseuds.map((p) => p.id),
      ),
    );
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);

tagUserReadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users/{name}/pseuds/{pseud}/works',
    tags: ['Users'],
    summary: 'One pseud’s works',
    security: OPTIONAL_TOKEN,
    request: { params: PseudParams, query: ListingQuerySchema },
    responses: { 200: jsonContent(WorkListSchema, 'One page of works.'), ...ERRORS },
  }),
  async (c) => {
    const { name, pseud: pseudName } = c.req.valid('param');
    const found = await findUser(c, name);
    if (found instanceof Response) return found;
    const pseud = found.pseuds.find((p) => p.name.toLowerCase() === pseudName.toLowerCase());
    if (!pseud) return problem(c, 'not-found', `${found.user.username} has no pseud called "${pseudName}".`);
    const listed = await listWorksFor(c, userScope(c, found.user, [pseud.id]));
    return listed instanceof Response ? listed : c.json(listed, 200);
  },
);
