/**
 * What the API sends back, as zod schemas: the OpenAPI document's
 * components are generated from these, and the presenters build objects of
 * these types. Tag names, not ids, are how works name their tags (as the
 * site's links do); HTML fields hold the archive's sanitized HTML.
 */
import { z } from '@hono/zod-openapi';
import type { TagKind } from '../tags/tags.table.ts';
import { TAG_KIND_LABELS } from '../tags/kinds.ts';

const TAG_KINDS = Object.keys(TAG_KIND_LABELS) as [TagKind, ...TagKind[]];
const DateText = z.string().openapi({ format: 'date', example: '2024-05-01' });

export const CreatorSchema = z
  .object({
    name: z.string().openapi({ description: 'The pseud, or an imported creator’s name.', example: 'Lark' }),
    username: z
      .string()
      .nullable()
      .openapi({ description: 'The account owning the pseud; null for an imported creator.' }),
    pseud_id: z.number().int().nullable(),
  })
  .openapi('Creator');

export const LinksSchema = z
  .object({
    self: z.string().openapi({ format: 'uri', description: 'This resource in the API.' }),
    html: z.string().openapi({ format: 'uri', description: 'The page readers see.' }),
  })
  .openapi('Links');

export const StatsSchema = z
  .object({ hits: z.number().int(), kudos: z.number().int(), comments: z.number().int(), bookmarks: z.number().int() })
  .openapi('Stats');

export const WorkSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(['draft', 'posted']).openapi({ description: 'Drafts are visible to their creators only.' }),
    summary: z.string().openapi({ description: 'HTML.' }),
    rating: z.string(),
    warnings: z.array(z.string()),
    categories: z.array(z.string()),
    fandoms: z.array(z.string()),
    relationships: z.array(z.string()),
    characters: z.array(z.string()),
    freeforms: z.array(z.string()).openapi({ description: 'Additional tags.' }),
    language: z.object({ code: z.string(), name: z.string() }),
    creators: z.array(CreatorSchema).openapi({ description: 'Empty for an anonymous work.' }),
    is_anonymous: z.boolean(),
    collections: z
      .array(z.object({ name: z.string(), title: z.string(), url: z.string() }))
      .openapi({ description: 'The collections it is approved into.' }),
    is_restricted: z.boolean().openapi({ description: 'Only readers with an account (or an API token) may read it.' }),
    is_complete: z.boolean(),
    words: z.number().int(),
    chapters: z.object({ posted: z.number().int(), expected: z.number().int().nullable() }),
    published_on: DateText.nullable(),
    updated_on: DateText.nullable(),
    stats: StatsSchema,
    links: LinksSchema,
  })
  .openapi('WorkSummary');

export const ChapterSummarySchema = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    title: z.string(),
    words: z.number().int(),
    is_posted: z.boolean(),
    published_on: DateText.nullable(),
    links: LinksSchema,
  })
  .openapi('ChapterSummary');

export const DownloadSchema = z
  .object({
    format: z.string().openapi({ example: 'epub' }),
    type: z.string().openapi({ example: 'application/epub+zip' }),
    url: z.string().openapi({ format: 'uri' }),
  })
  .openapi('Download');

export const WorkSchema = WorkSummarySchema.extend({
  notes: z.string().openapi({ description: 'HTML.' }),
  end_notes: z.string().openapi({ description: 'HTML.' }),
  completed_on: DateText.nullable(),
  stats: StatsSchema.extend({ downloads: z.number().int() }),
  series: z.array(z.object({ id: z.number().int(), title: z.string(), position: z.number().int() })),
  gifts: z.array(z.object({ recipient: z.string() })),
  chapters_list: z.array(ChapterSummarySchema).openapi({ description: 'The chapters the reader may see, in order.' }),
  downloads: z.array(DownloadSchema).openapi({ description: 'Empty for drafts, which cannot be downloaded.' }),
}).openapi('Work');

export const ChapterSchema = z
  .object({
    id: z.number().int(),
    work_id: z.number().int(),
    position: z.number().int(),
    title: z.string(),
    summary: z.string().openapi({ description: 'HTML.' }),
    notes: z.string().openapi({ description: 'HTML.' }),
    end_notes: z.string().openapi({ description: 'HTML.' }),
    body: z.string().openapi({ description: 'The chapter text, HTML.' }),
    words: z.number().int(),
    is_posted: z.boolean(),
    published_on: DateText.nullable(),
    links: LinksSchema,
  })
  .openapi('Chapter');

export const NoticeSchema = z
  .object({
    param: z.string().openapi({ description: 'The query parameter the notice is about.' }),
    message: z.string(),
  })
  .openapi('Notice');

export const WorkListSchema = z
  .object({
    works: z.array(WorkSummarySchema),
    total: z.number().int().openapi({ description: 'How many works match, exactly.' }),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last.' }),
    notices: z.array(NoticeSchema).openapi({ description: 'Filters that could not apply, e.g. a tag nobody uses.' }),
  })
  .openapi('WorkList');

export const TagRefSchema = z
  .object({ id: z.number().int(), name: z.string(), kind: z.enum(TAG_KINDS), links: LinksSchema })
  .openapi('TagRef');

export const TagSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(TAG_KINDS),
    is_canonical: z.boolean(),
    is_unwrangleable: z.boolean(),
    canonical: TagRefSchema.nullable().openapi({ description: 'For a synonym: the canonical tag filters use.' }),
    synonyms: z.array(TagRefSchema),
    meta_tags: z.array(TagRefSchema),
    sub_tags: z.array(TagRefSchema),
    parents: z.array(TagRefSchema).openapi({ description: 'E.g. a relationship’s fandoms, a fandom’s media.' }),
    children: z.array(TagRefSchema),
    works_count: z.number().int().openapi({ description: 'Works a filter on this tag finds, for this reader.' }),
    links: LinksSchema.extend({ works: z.string().openapi({ format: 'uri' }) }),
  })
  .openapi('Tag');

export const SuggestionSchema = z
  .object({ name: z.string(), kind: z.enum(TAG_KINDS), canonical: z.boolean(), uses: z.number().int() })
  .openapi('TagSuggestion');

export const PseudSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    is_default: z.boolean(),
    icon: z
      .object({
        url: z.string().openapi({ format: 'uri', description: 'A 100×100 WebP.' }),
        alt: z.string().openapi({ description: 'Its alt text.' }),
      })
      .nullable()
      .openapi({ description: 'The pseud’s icon, or null for none.' }),
    links: z.object({ works: z.string().openapi({ format: 'uri' }), html: z.string().openapi({ format: 'uri' }) }),
  })
  .openapi('Pseud');

export const UserSchema = z
  .object({
    username: z.string(),
    joined_on: DateText,
    pseuds: z.array(PseudSchema),
    links: LinksSchema.extend({ works: z.string().openapi({ format: 'uri' }) }),
  })
  .openapi('User');

export const MeSchema = z
  .object({
    username: z.string(),
    scope: z.enum(['read', 'write']),
    pseuds: z.array(PseudSchema).openapi({ description: 'Pseud ids to name as `pseud_ids` when posting.' }),
    preferences: z
      .record(z.string(), z.boolean())
      .openapi({ description: 'The switches of Preferences by their form names, e.g. `hide_warnings`.' }),
  })
  .openapi('Me');
