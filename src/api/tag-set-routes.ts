/**
 * Reading a tag set through the API: GET /api/v1/tag_sets/{id}, its title,
 * description, maintainers, nomination rules and its tags by kind with each
 * fandom's characters and relationships. A private set answers only its
 * maintainers' tokens; to everyone else it does not exist (404).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { sanitizeBody } from '../html/body.ts';
import { can } from '../tag-sets/policy.ts';
import { loadTagSet, loadTagSetContents, type TagRef } from '../tag-sets/tag-set.ts';
import { problem } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TagSetParams } from './route-kit.ts';

export const tagSetApiRoutes = apiGroup();

const TagSetTagSchema = z.object({ id: z.number().int(), name: z.string() }).openapi('TagSetTag');

const TagSetSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description_html: z.string(),
    is_visible: z.boolean(),
    is_usable: z.boolean().openapi({ description: 'Whether challenges run by others may choose from this set.' }),
    maintainers: z.array(z.object({ username: z.string(), is_owner: z.boolean() })),
    nominations: z.object({
      is_open: z.boolean(),
      fandoms: z.number().int().openapi({ description: 'Fandoms one person may nominate.' }),
      characters_per_fandom: z.number().int(),
      relationships_per_fandom: z.number().int(),
    }),
    tags: z.object({
      fandom: z.array(TagSetTagSchema),
      character: z.array(TagSetTagSchema),
      relationship: z.array(TagSetTagSchema),
      freeform: z.array(TagSetTagSchema),
    }),
    fandoms: z
      .array(
        TagSetTagSchema.extend({
          characters: z.array(TagSetTagSchema),
          relationships: z.array(TagSetTagSchema),
        }),
      )
      .openapi({ description: 'Each fandom with the characters and relationships the set associates to it.' }),
  })
  .openapi('TagSet');

const ref = (t: TagRef) => ({ id: t.id, name: t.name });

tagSetApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tag_sets/{tagSetId}',
    tags: ['Tag sets'],
    summary: 'A tag set and its tags by kind',
    security: OPTIONAL_TOKEN,
    request: { params: TagSetParams },
    responses: { 200: jsonContent(TagSetSchema, 'The tag set.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const loaded = await loadTagSet(db, c.req.valid('param').tagSetId);
    if (!loaded || !can(c.get('viewer'), 'view', loaded.access)) {
      return problem(c, 'not-found', 'There is no tag set with that id here.');
    }
    const { set, maintainers } = loaded;
    const contents = await loadTagSetContents(db, set.id);
    return c.json(
      {
        id: set.id,
        title: set.title,
        description_html: sanitizeBody(set.description),
        is_visible: set.is_visible === 1,
        is_usable: set.is_usable === 1,
        maintainers: maintainers.map((m) => ({ username: m.username, is_owner: m.isOwner })),
        nominations: {
          is_open: set.are_nominations_open === 1,
          fandoms: set.fandom_nomination_limit,
          characters_per_fandom: set.character_nomination_limit,
          relationships_per_fandom: set.relationship_nomination_limit,
        },
        tags: {
          fandom: contents.byKind.fandom.map(ref),
          character: contents.byKind.character.map(ref),
          relationship: contents.byKind.relationship.map(ref),
          freeform: contents.byKind.freeform.map(ref),
        },
        fandoms: contents.fandoms.map((f) => ({
          ...ref(f),
          characters: f.characters.map(ref),
          relationships: f.relationships.map(ref),
        })),
      },
      200,
    );
  },
);
