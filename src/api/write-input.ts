/**
 * JSON bodies of the API's writes, and their trip through the very checks
 * the post and chapter forms make: a body is laid over the form values it
 * changes (a new work's defaults, or the saved work's values for an edit),
 * then checked by form-schema.ts and resolve-work-form.ts, whose errors come
 * back under the API's field names. The zod schemas here add only types and
 * document the body; every rule lives with the forms.
 */
import { z } from '@hono/zod-openapi';
import { CATEGORIES, COMMENT_PERMISSIONS, RATINGS, RELATIONS, WARNINGS } from '../domain-facts.ts';
import type { ChapterFormValues, WorkFormValues } from '../works/form-schema.ts';
import type { FieldErrors } from '../web/forms.tsx';
import type { FieldProblem } from './problems.ts';

const names = (description: string) => z.array(z.string()).openapi({ description });

/** Every field of a work a writer sets; all optional here, as an edit changes only what it names. */
export const WorkFieldsSchema = z.object({
  title: z.string().optional(),
  rating: z.enum(RATINGS, 'Choose a rating.').optional(),
  warnings: z.array(z.enum(WARNINGS, 'Choose archive warnings from the list.')).optional(),
  categories: z.array(z.enum(CATEGORIES, 'Choose categories from the list.')).optional(),
  fandoms: names('At least one; "Original Work" for a story of your own.').optional(),
  relationships: names('E.g. "Keeper/Gull".').optional(),
  characters: names('Character names.').optional(),
  freeforms: names('Additional tags.').optional(),
  language: z.string().optional().openapi({ description: 'A language code; default en.', example: 'en' }),
  summary: z.string().optional().openapi({ description: 'HTML or plain text; cleaned like the form’s.' }),
  notes: z.string().optional(),
  end_notes: z.string().optional(),
  pseud_ids: z
    .array(z.number().int())
    .optional()
    .openapi({ description: 'Your own pseuds as creators; default your default pseud.' }),
  co_creators: names('Other people’s pseuds to invite, as "Pseud" or "Pseud (username)".').optional(),
  expected_chapters: z.number().int().nullable().optional().openapi({ description: 'null when unknown ("?").' }),
  restricted: z.boolean().optional().openapi({ description: 'Only readers with an account may read it.' }),
  comment_permission: z.enum(Object.keys(COMMENT_PERMISSIONS) as ['everyone', 'registered', 'none']).optional(),
  moderated_comments: z.boolean().optional(),
  series: z
    .object({
      id: z.number().int().optional().openapi({ description: 'One of your series…' }),
      title: z.string().optional().openapi({ description: '…or a new series of this title.' }),
      position: z.number().int().optional(),
    })
    .nullable()
    .optional(),
  related: z
    .object({
      url: z.string(),
      relation: z.enum(Object.keys(RELATIONS) as ['inspired_by', 'remix', 'translation', 'sequel']),
    })
    .nullable()
    .optional()
    .openapi({ description: 'A work this one is related to (a URL here or elsewhere).' }),
  gift_to: names('Pseuds here, or any names.').optional(),
  published_on: z.string().nullable().optional().openapi({ format: 'date', description: 'Backdate (YYYY-MM-DD).' }),
});

export const ChapterFieldsSchema = z.object({
  title: z.string().optional(),
  summary: z.string().optional(),
  notes: z.string().optional(),
  end_notes: z.string().optional(),
  body: z
    .string()
    .optional()
    .openapi({ description: 'HTML or plain text (blank lines make paragraphs); cleaned like the form’s.' }),
});

const post = (description: string) => z.boolean().optional().openapi({ description });

export const WorkCreateSchema = WorkFieldsSchema.extend({
  chapter: z
    .object({ title: z.string().optional(), body: z.string().optional() })
    .optional()
    .openapi({ description: 'The first chapter; its body is required (checked with the other fields).' }),
  post: post('true: post now; false (the default): save as a draft only you can see.'),
}).openapi('WorkCreate');

export const WorkUpdateSchema = WorkFieldsSchema.extend({
  post: post('true on a draft: post it, with its chapters.'),
}).openapi('WorkUpdate');

export const ChapterCreateSchema = ChapterFieldsSchema.extend({
  post: post('true: post now (in a posted work); false (the default): a draft chapter.'),
}).openapi('ChapterCreate');

export const ChapterUpdateSchema = ChapterFieldsSchema.extend({
  post: post('true on a draft chapter of a posted work: post it.'),
}).openapi('ChapterUpdate');

type WorkFields = z.infer<typeof WorkFieldsSchema>;
const list = (values: readonly string[]) => values.join(', ');

/** The form values with the body's fields laid over them. */
export function workFormValuesFrom(
  body: WorkFields & { chapter?: { title?: string; body?: string } },
  base: WorkFormValues,
): WorkFormValues {
  const v: WorkFormValues = { ...base };
  const set = <K extends keyof WorkFormValues>(key: K, value: WorkFormValues[K] | undefined) => {
    if (value !== undefined) v[key] = value;
  };
  set('title', body.title);
  set('rating', body.rating);
  set('warnings', body.warnings);
  set('categories', body.categories);
  set('fandoms', body.fandoms && list(body.fandoms));
  set('relationships', body.relationships && list(body.relationships));
  set('characters', body.characters && list(body.characters));
  set('freeforms', body.freeforms && list(body.freeforms));
  set('language', body.language);
  set('summary', body.summary);
  set('notes', body.notes);
  set('end_notes', body.end_notes);
  set('pseuds', body.pseud_ids?.map(String));
  set('co_creators', body.co_creators && list(body.co_creators));
  if (body.expected_chapters !== undefined)
    v.expected_chapters = body.expected_chapters === null ? '?' : String(body.expected_chapters);
  set('restricted', body.restricted);
  set('comment_permission', body.comment_permission);
  set('moderated_comments', body.moderated_comments);
  if (body.series !== undefined) {
    v.series_id = body.series?.id !== undefined ? String(body.series.id) : '';
    v.series_title = body.series?.title ?? '';
    v.series_position = body.series?.position !== undefined ? String(body.series.position) : '';
  }
  if (body.related !== undefined) {
    v.related_url = body.related?.url ?? '';
    v.related_relation = body.related?.relation ?? 'inspired_by';
  }
  set('gift_to', body.gift_to && list(body.gift_to));
  if (body.published_on !== undefined) v.published_on = body.published_on ?? '';
  if (body.chapter) {
    v.chapter_title = body.chapter.title ?? '';
    v.body = body.chapter.body ?? '';
  }
  return v;
}

export function chapterFormValuesFrom(
  body: z.infer<typeof ChapterFieldsSchema>,
  base: ChapterFormValues,
): ChapterFormValues {
  return {
    ...base,
    chapter_title: body.title ?? base.chapter_title,
    summary: body.summary ?? base.summary,
    notes: body.notes ?? base.notes,
    end_notes: body.end_notes ?? base.end_notes,
    body: body.body ?? base.body,
  };
}

/** Form field names as the API's bodies spell them. */
const WORK_FIELDS: Record<string, string> = {
  pseuds: 'pseud_ids',
  series_id: 'series.id',
  series_title: 'series.title',
  series_position: 'series.position',
  related_url: 'related.url',
  related_relation: 'related.relation',
  restricted: 'restricted',
  chapter_title: 'chapter.title',
  body: 'chapter.body',
  form: 'body',
};
const CHAPTER_FIELDS: Record<string, string> = { chapter_title: 'title', form: 'body' };

export function workFieldProblems(errors: FieldErrors): FieldProblem[] {
  return Object.entries(errors).map(([field, detail]) => ({ field: WORK_FIELDS[field] ?? field, detail }));
}

export function chapterFieldProblems(errors: FieldErrors): FieldProblem[] {
  return Object.entries(errors).map(([field, detail]) => ({ field: CHAPTER_FIELDS[field] ?? field, detail }));
}
