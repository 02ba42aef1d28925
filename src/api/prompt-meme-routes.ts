/**
 * A prompt meme through the API: GET /api/v1/collections/{name}/prompts
 * (its settings and a page of prompts, with the listing's filters and
 * sorts) and …/prompts/{promptId} (one prompt with its claims and fills).
 * The prompter of an anonymous prompt is null to every token but the
 * prompter's and the collection's maintainers'; fills are only the works
 * the token's person may read (src/visibility/), as on the pages.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Collection } from '../collections/collections.table.ts';
import { canMaintain } from '../collections/policy.ts';
import { findCollectionByName, findRole } from '../collections/queries.ts';
import { loadMeme, type LoadedMeme } from '../challenges/prompt-memes/prompt-meme.ts';
import { readableFills, summarise } from '../challenges/prompt-memes/prompt-summaries.ts';
import { findPrompt, findSetTagsByNames, listClaimsOfPrompt, listPrompts } from '../challenges/prompt-memes/queries.ts';
import { splitTagList } from '../tags/names.ts';
import { listingAudience } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { nowOf } from '../web/context.ts';
import { asAppContext, type ApiContext } from './middleware.ts';
import { problem } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN } from './route-kit.ts';

export const promptMemeApiRoutes = apiGroup();

const collection = z.string().openapi({
  param: { name: 'collection', in: 'path' },
  description: 'The collection’s short name.',
  example: 'lantern_meme',
});
const CollectionParams = z.object({ collection });
const PromptParams = z.object({
  collection,
  promptId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .openapi({ param: { name: 'promptId', in: 'path' }, example: 1 }),
});

const yesNo = z.enum(['yes', 'no']).optional();
const ListQuery = z.object({
  fandom: z.string().max(150).optional().openapi({ description: 'A fandom of the meme’s tag set.' }),
  tags: z
    .string()
    .max(1000)
    .optional()
    .openapi({ description: 'Tags of the set, comma-separated: all must be named.' }),
  claimed: yesNo,
  filled: yesNo,
  sort: z.enum(['date', 'claims', 'fills']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

const TagSchema = z.object({ id: z.number().int(), name: z.string() });
const PrompterSchema = z.object({ username: z.string(), pseud: z.string() }).nullable().openapi({
  description:
    'Who posted it; null for an anonymous prompt, unless it is the reader’s own or they maintain the collection.',
});

const PromptSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description_html: z.string(),
    url: z.string(),
    is_anonymous: z.boolean(),
    prompter: PrompterSchema,
    tags: z.object({
      fandom: z.array(TagSchema),
      character: z.array(TagSchema),
      relationship: z.array(TagSchema),
      freeform: z.array(TagSchema),
    }),
    claims: z.number().int(),
    fills: z.number().int().openapi({ description: 'Fills whose works this reader may see.' }),
    posted_at: z.string(),
  })
  .openapi('Prompt');

const MemeSchema = z
  .object({
    collection: z.string(),
    time_zone: z.string(),
    opens_at: z.string().nullable(),
    closes_at: z.string().nullable(),
    is_open: z.boolean(),
    tag_set_id: z.number().int().nullable(),
    is_anonymous_allowed: z.boolean(),
  })
  .openapi('PromptMeme');

const ListSchema = z
  .object({ prompt_meme: MemeSchema, prompts: z.array(PromptSchema), total: z.number().int(), page: z.number().int() })
  .openapi('PromptList');

const DetailSchema = PromptSchema.extend({
  claimed_by: z.array(z.object({ username: z.string(), claimed_at: z.string() })),
  filled_by: z.array(z.object({ work_id: z.number().int(), title: z.string() })),
}).openapi('PromptDetail');

const PER_PAGE = 20;

async function gate(c: ApiContext, collectionName: string) {
  const { db } = c.get('deps');
  const collection = await findCollectionByName(db, collectionName);
  const loaded = collection ? await loadMeme(db, collection, nowOf(asAppContext(c))) : undefined;
  if (!collection || !loaded) return undefined;
  const viewer = c.get('viewer');
  const maintains = viewer ? canMaintain(viewer, await findRole(db, collection.id, viewer.id)) : false;
  return { collection, loaded, viewer, maintains };
}

const memeOf = (collection: Collection, { meme, shut, zone }: LoadedMeme) => ({
  collection: collection.name,
  time_zone: zone,
  opens_at: meme.opens_at,
  closes_at: meme.closes_at,
  is_open: shut === null,
  tag_set_id: meme.tag_set_id,
  is_anonymous_allowed: meme.is_anonymous_allowed === 1,
});

type Summary = Awaited<ReturnType<typeof summarise>>[number];

const present = (p: Summary) => {
  const tags = (kind: string) => p.tags.filter((t) => t.kind === kind).map((t) => ({ id: t.id, name: t.name }));
  return {
    id: p.id,
    title: p.title,
    description_html: p.description,
    url: p.url,
    is_anonymous: p.isAnonymous,
    prompter: p.prompter ? { username: p.prompter.username, pseud: p.prompter.pseud } : null,
    tags: {
      fandom: tags('fandom'),
      character: tags('character'),
      relationship: tags('relationship'),
      freeform: tags('freeform'),
    },
    claims: p.claims,
    fills: p.fills,
    posted_at: p.created_at,
  };
};

promptMemeApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/collections/{collection}/prompts',
    tags: ['Prompt memes'],
    summary: 'A collection’s prompt meme and a page of its prompts',
    security: OPTIONAL_TOKEN,
    request: { params: CollectionParams, query: ListQuery },
    responses: { 200: jsonContent(ListSchema, 'The prompt meme and its prompts.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const found = await gate(c, c.req.valid('param').collection);
    if (!found) return problem(c, 'not-found', 'There is no prompt meme in a collection of that name.');
    const { db } = c.get('deps');
    const { collection, loaded, viewer, maintains } = found;
    const query = c.req.valid('query');
    const names = [...splitTagList(query.fandom ?? ''), ...splitTagList(query.tags ?? '')];
    const tags = loaded.meme.tag_set_id ? await findSetTagsByNames(db, loaded.meme.tag_set_id, names) : [];
    const page = query.page ?? 1;
    const yes = (v: 'yes' | 'no' | undefined) => (v === undefined ? undefined : v === 'yes');
    const { rows, total } =
      tags.length < names.length
        ? { rows: [], total: 0 }
        : await listPrompts(
            db,
            loaded.meme.id,
            {
              tagIds: tags.map((t) => t.id),
              claimed: yes(query.claimed),
              filled: yes(query.filled),
              sort: query.sort ?? 'date',
              limit: PER_PAGE,
              offset: (page - 1) * PER_PAGE,
            },
            listingAudience(viewer),
          );
    const prompts = await summarise(db, viewer, rows, maintains);
    return c.json({ prompt_meme: memeOf(collection, loaded), prompts: prompts.map(present), total, page }, 200);
  },
);

promptMemeApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/collections/{collection}/prompts/{promptId}',
    tags: ['Prompt memes'],
    summary: 'One prompt with its claims and fills',
    security: OPTIONAL_TOKEN,
    request: { params: PromptParams },
    responses: { 200: jsonContent(DetailSchema, 'The prompt.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const params = c.req.valid('param');
    const found = await gate(c, params.collection);
    const { db } = c.get('deps');
    const prompt = found ? await findPrompt(db, params.promptId) : undefined;
    if (!found || !prompt || prompt.prompt_meme_id !== found.loaded.meme.id)
      return problem(c, 'not-found', 'There is no such prompt in this prompt meme.');
    const [claims, fills] = await Promise.all([
      listClaimsOfPrompt(db, prompt.id),
      readableFills(db, found.viewer as Viewer | null, [prompt.id]),
    ]);
    const [summary] = await summarise(
      db,
      found.viewer,
      [{ ...prompt, claims: claims.length, fills: fills.length }],
      found.maintains,
    );
    return c.json(
      {
        ...present(summary),
        claimed_by: claims.map((cl) => ({ username: cl.username, claimed_at: cl.created_at })),
        filled_by: fills.map((f) => ({ work_id: f.work_id, title: f.title })),
      },
      200,
    );
  },
);
