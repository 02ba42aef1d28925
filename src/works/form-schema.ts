/**
 * The post form at the edge: `readWorkForm` turns a submitted body into the
 * raw values (kept verbatim, so a form with errors is re-filled with exactly
 * what the person typed), and `checkWorkForm` applies the rules that need no
 * database (the limits in docs/DOMAIN.md, Works) and returns them as FieldErrors keyed by
 * field name. Checks that need the database live in resolve-work-form.ts.
 */
import { z } from 'zod';
import { CATEGORIES, COMMENT_PERMISSIONS, LIMITS, RATINGS, RELATIONS, WARNINGS } from '../domain-facts.ts';
import { EMPTY_BODY } from './chapter-input.ts';
import { splitTagList, tagNameProblem } from '../tags/names.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { singleLineProblem } from '../web/single-line.ts';

type Submitted = Record<string, unknown>;

const first = (value: unknown): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};
const all = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

const text = z.preprocess(first, z.string());
const list = z.preprocess(all, z.array(z.string()));
const checkbox = z.preprocess((value) => first(value) !== '', z.boolean());

/** The chapter part of a form: the post form's first chapter and the chapter form share it. */
export const chapterFormShape = z.object({
  chapter_title: text,
  summary: text,
  notes: text,
  end_notes: text,
  body: text,
  action: text,
});
export type ChapterFormValues = z.infer<typeof chapterFormShape>;

export const workFormShape = z.object({
  action: text,
  title: text,
  rating: text,
  warnings: list,
  categories: list,
  fandoms: text,
  relationships: text,
  characters: text,
  freeforms: text,
  language: text,
  summary: text,
  notes: text,
  end_notes: text,
  pseuds: list,
  co_creators: text,
  expected_chapters: text,
  restricted: checkbox,
  comment_permission: text,
  moderated_comments: checkbox,
  series_id: text,
  series_title: text,
  series_position: text,
  related_url: text,
  related_relation: text,
  gift_to: text,
  collections: text,
  published_on: text,
  chapter_title: text,
  body: text,
});
export type WorkFormValues = z.infer<typeof workFormShape>;

/** Never fails: missing fields become '' or [], so the form can always be shown again. */
export function readWorkForm(body: Submitted): WorkFormValues {
  return workFormShape.parse(body);
}

export function readChapterForm(body: Submitted): ChapterFormValues {
  return chapterFormShape.parse(body);
}

/** A new work's form: the poster's default pseud, one expected chapter, comments from registered users. */
export function blankWorkForm(defaultPseudId: number | undefined): WorkFormValues {
  return {
    ...workFormShape.parse({}),
    pseuds: defaultPseudId ? [String(defaultPseudId)] : [],
    language: 'en',
    expected_chapters: '1',
    comment_permission: 'registered',
    related_relation: 'inspired_by',
  };
}

const TAG_FIELDS = ['fandoms', 'relationships', 'characters', 'freeforms'] as const;

/** A date typed as YYYY-MM-DD that exists on the calendar. */
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const bodyRules = z
  .string()
  .refine((body) => body.trim() !== '', EMPTY_BODY)
  .refine(
    (body) => body.length <= LIMITS.chapterBodyMax,
    `The chapter text is longer than ${LIMITS.chapterBodyMax.toLocaleString('en')} characters; split it into chapters.`,
  );
const max = (limit: number, what: string) =>
  z.string().max(limit, `${what} must be at most ${limit.toLocaleString('en')} characters.`);

/** Rules shared by the chapter form and the post form's first chapter. */
const chapterRules = z.object({
  chapter_title: max(LIMITS.titleMax, 'The chapter title'),
  body: bodyRules,
});

const workRules = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the work a title.')
    .max(LIMITS.titleMax, `The title must be at most ${LIMITS.titleMax} characters.`),
  rating: z.enum(RATINGS, 'Choose a rating.'),
  warnings: z
    .array(z.enum(WARNINGS, 'Choose archive warnings from the list.'))
    .min(1, 'Choose at least one archive warning (or "Creator Chose Not To Use Archive Warnings").'),
  categories: z.array(z.enum(CATEGORIES, 'Choose categories from the list.')),
  language: z.string().min(1, 'Choose the language the work is written in.'),
  summary: max(LIMITS.summaryMax, 'The summary'),
  notes: max(LIMITS.notesMax, 'The notes'),
  end_notes: max(LIMITS.notesMax, 'The end notes'),
  expected_chapters: z
    .string()
    .trim()
    .refine(
      (value) => value === '?' || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100_000),
      'Give the expected number of chapters as a whole number from 1, or "?" if you do not know yet.',
    ),
  comment_permission: z.enum(
    Object.keys(COMMENT_PERMISSIONS) as ['everyone', 'registered', 'none'],
    'Choose who may comment.',
  ),
  series_position: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (/^\d+$/.test(value) && Number(value) >= 1),
      'The position in the series is a whole number from 1.',
    ),
  series_title: max(LIMITS.titleMax, 'The series title'),
  related_url: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || isHttpUrl(value),
      'The related work must be a web address starting with http:// or https://.',
    ),
  related_relation: z.enum(
    Object.keys(RELATIONS) as ['inspired_by', 'remix', 'translation', 'sequel'],
    'Choose how the works are related.',
  ),
  published_on: z
    .string()
    .trim()
    .refine((value) => value === '' || isRealDate(value), 'Give the publication date as a real date, YYYY-MM-DD.')
    .refine(
      (value) => value === '' || !isRealDate(value) || value <= todayUtc(),
      'The publication date cannot be in the future.',
    ),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The first message per field: one error beside each field is enough to act on. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], errors: FieldErrors = {}): FieldErrors {
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Line breaks and control characters in one-line fields (they are folded out of tag names otherwise). */
function checkOneLine(values: object, fields: Record<string, string>, errors: FieldErrors) {
  for (const [field, what] of Object.entries(fields)) {
    const value = (values as Record<string, unknown>)[field];
    const problem = typeof value === 'string' ? singleLineProblem(value, what) : null;
    if (problem) errors[field] ??= problem;
  }
}

const ONE_LINE_FIELDS = {
  title: 'The title',
  chapter_title: 'The chapter title',
  series_title: 'The series title',
  fandoms: 'A fandom tag',
  relationships: 'A relationship tag',
  characters: 'A character tag',
  freeforms: 'An additional tag',
};

/** Every free-text tag problem: a bad name in a field, or more than 75 tags in total. */
function checkTags(values: Pick<WorkFormValues, (typeof TAG_FIELDS)[number]>, errors: FieldErrors): void {
  let total = 0;
  for (const field of TAG_FIELDS) {
    const names = splitTagList(values[field]);
    total += names.length;
    const problem = names.map(tagNameProblem).find((p) => p !== null);
    if (problem) errors[field] ??= problem;
  }
  if (!splitTagList(values.fandoms).length)
    errors.fandoms ??= 'Add at least one fandom (for a story of your own, "Original Work").';
  if (total > LIMITS.freeTextTagsMax) {
    errors.freeforms ??= `A work can have at most ${LIMITS.freeTextTagsMax} fandom, relationship, character and additional tags in total; this one has ${total}. Remove ${total - LIMITS.freeTextTagsMax}.`;
  }
}

/** The fields a work is classified by, as a form sends them (the moderators' edit, src/moderation). */
export type ClassificationFormValues = Pick<
  WorkFormValues,
  'rating' | 'warnings' | 'categories' | 'fandoms' | 'relationships' | 'characters' | 'freeforms' | 'language'
>;

/** The post form's own rules for those fields alone, with the same messages. */
export function checkClassificationForm(values: ClassificationFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const { fandoms, relationships, characters, freeforms } = ONE_LINE_FIELDS;
  checkOneLine(values, { fandoms, relationships, characters, freeforms }, errors);
  const result = workRules.pick({ rating: true, warnings: true, categories: true, language: true }).safeParse(values);
  if (!result.success) issuesToErrors(result.error.issues, errors);
  checkTags(values, errors);
  return errors;
}

/** The database-free rules of the post form (or the edit form, without the chapter fields). */
export function checkWorkForm(values: WorkFormValues, options: { withChapter: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  checkOneLine(values, ONE_LINE_FIELDS, errors);
  const result = workRules.safeParse(values);
  if (!result.success) issuesToErrors(result.error.issues, errors);
  checkTags(values, errors);
  if (values.series_id && values.series_title.trim()) {
    errors.series_title ??= 'Choose an existing series or name a new one, not both.';
  }
  if (options.withChapter) {
    const chapter = chapterRules.safeParse(values);
    if (!chapter.success) issuesToErrors(chapter.error.issues, errors);
  }
  return errors;
}

/** The chapter form's rules. */
export function checkChapterForm(values: ChapterFormValues): FieldErrors {
  const rules = chapterRules.extend({
    summary: max(LIMITS.summaryMax, 'The chapter summary'),
    notes: max(LIMITS.notesMax, 'The chapter notes'),
    end_notes: max(LIMITS.notesMax, 'The chapter end notes'),
  });
  const errors: FieldErrors = {};
  checkOneLine(values, { chapter_title: ONE_LINE_FIELDS.chapter_title }, errors);
  const result = rules.safeParse(values);
  return result.success ? errors : issuesToErrors(result.error.issues, errors);
}

/** Expected chapters as stored: null for "?". */
export function expectedChaptersOf(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === '?' ? null : Number(trimmed);
}
