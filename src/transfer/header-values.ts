/**
 * The header lines of the plain-text format: which names mean which field
 * (without regard to case or singular/plural, as docs/DOMAIN.md says), and how
 * the fixed-vocabulary values — rating, archive warnings, categories,
 * language, status and chapter count — are read, each refusing what it does
 * not know with a message the importer can act on.
 */
import { CATEGORIES, LIMITS, RATINGS, WARNINGS, type Rating } from '../domain-facts.ts';

export type HeaderField =
  | 'title'
  | 'workId'
  | 'authors'
  | 'rating'
  | 'warnings'
  | 'categories'
  | 'fandoms'
  | 'relationships'
  | 'characters'
  | 'freeforms'
  | 'language'
  | 'series'
  | 'status'
  | 'chapters'
  | 'published';

const SINGULAR_NAMES: Record<string, HeaderField> = {
  title: 'title',
  'work id': 'workId',
  author: 'authors',
  creator: 'authors',
  rating: 'rating',
  'archive warning': 'warnings',
  warning: 'warnings',
  category: 'categories',
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  'additional tag': 'freeforms',
  freeform: 'freeforms',
  language: 'language',
  series: 'series',
  status: 'status',
  chapter: 'chapters',
  published: 'published',
};

/** Each field's name as the export writes it, for messages about its line. */
export const HEADER_LABELS: Record<HeaderField, string> = {
  title: 'Title',
  workId: 'Work ID',
  authors: 'Author',
  rating: 'Rating',
  warnings: 'Archive Warning',
  categories: 'Category',
  fandoms: 'Fandom',
  relationships: 'Relationship',
  characters: 'Character',
  freeforms: 'Additional Tags',
  language: 'Language',
  series: 'Series',
  status: 'Status',
  chapters: 'Chapters',
  published: 'Published',
};

function plural(name: string): string {
  if (name.endsWith('series')) return name;
  if (name.endsWith('y')) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

const HEADER_NAMES = new Map<string, HeaderField>(
  Object.entries(SINGULAR_NAMES).flatMap(([name, field]) => [
    [name, field],
    [plural(name), field],
  ]),
);

/** Spaces (including non-breaking ones) folded to one, trimmed. */
export function cleanValue(value: string): string {
  return value.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** The field a header name stands for, or undefined for a header we ignore (Updated, Words, anything else). */
export function headerField(name: string): HeaderField | undefined {
  return HEADER_NAMES.get(cleanValue(name).toLowerCase());
}

/** Comma-separated values, cleaned, blanks dropped. */
export function splitValues(value: string): string[] {
  return value.split(',').map(cleanValue).filter(Boolean);
}

const key = (value: string) => cleanValue(value).toLowerCase();

const QUOTE_MAX = 60;

/**
 * A value in quotes for a message, cut to its first 60 characters: a 10 MB
 * header line must not come back whole in the refusal (or the CLI's output).
 */
export function quoted(value: string): string {
  const clean = cleanValue(value);
  return clean.length > QUOTE_MAX ? `"${clean.slice(0, QUOTE_MAX)}…"` : `"${clean}"`;
}

/** What a reader gets back when a value cannot be used: the reason, for the error message. */
export interface Problem {
  problem: string;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

export function readRating(value: string): Rating | Problem {
  const rating = RATINGS.find((r) => key(r) === key(value));
  return rating ?? { problem: `${quoted(value)} is not a rating. Use one of: ${RATINGS.join(', ')}.` };
}

// AO3 spelled this warning differently before 2012, and old exports still carry it.
const WARNING_ALIASES = new Map([['choose not to use archive warnings', 'Creator Chose Not To Use Archive Warnings']]);

/** Known names, or a message naming the first value that is not one. */
function readFixed(
  values: string[],
  known: readonly string[],
  what: string,
  aliases = new Map<string, string>(),
): string[] | Problem {
  const names: string[] = [];
  for (const value of values) {
    const name = known.find((k) => key(k) === key(value)) ?? aliases.get(key(value));
    if (!name) return { problem: `${quoted(value)} is not ${what}. Use one of: ${known.join(', ')}.` };
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export function readWarnings(value: string): string[] | Problem {
  return readFixed(splitValues(value), WARNINGS, 'an archive warning', WARNING_ALIASES);
}

export function readCategories(value: string): string[] | Problem {
  return readFixed(splitValues(value), CATEGORIES, 'a category');
}

export interface KnownLanguage {
  code: string;
  name: string;
}

const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });

function englishName(code: string): string | undefined {
  try {
    return englishNames.of(code);
  } catch {
    return undefined;
  }
}

/**
 * A language code from its code, its own name ("Deutsch") or its English
 * name ("German"), so files from other archives and hand-written ones both read.
 */
export function readLanguage(value: string, languages: readonly KnownLanguage[]): string | Problem {
  const wanted = key(value);
  for (const language of languages) {
    if (key(language.code) === wanted || key(language.name) === wanted) return language.code;
  }
  for (const language of languages) {
    const english = englishName(language.code);
    if (english && key(english) === wanted) return language.code;
    // "Portuguese" for pt-BR, "Chinese" for zh: the English name without its region.
    if (english && key(english.replace(/\s*\(.*\)$/, '')) === wanted) return language.code;
  }
  return { problem: `${quoted(value)} is not a language this archive knows.` };
}

export type Status = 'complete' | 'in progress';

export function readStatus(value: string): Status | Problem {
  const status = key(value);
  if (status === 'completed' || status === 'complete') return 'complete';
  if (status === 'in progress' || status === 'in-progress' || status === 'work in progress') return 'in progress';
  return { problem: `${quoted(value)} is not a status. Use Completed or In Progress.` };
}

/** "3/10" → {posted: 3, expected: 10}; "3/?" → expected null. */
export function readChapterCount(value: string): { posted: number; expected: number | null } | Problem {
  const match = /^(\d+)\s*\/\s*(\d+|\?)$/.exec(cleanValue(value));
  if (!match) return { problem: `${quoted(value)} is not a chapter count like 3/10 or 3/?.` };
  const expected = match[2] === '?' ? null : Number(match[2]);
  if (expected === 0) return { problem: 'A work is expected to have at least one chapter.' };
  // The post form's bound on the expected total.
  if ((expected ?? 0) > LIMITS.expectedChaptersMax || Number(match[1]) > LIMITS.expectedChaptersMax) {
    return { problem: `A work can have at most ${LIMITS.expectedChaptersMax.toLocaleString('en')} chapters.` };
  }
  return { posted: Number(match[1]), expected };
}

/** A YYYY-MM-DD date that exists on the calendar. */
export function readDate(value: string): string | Problem {
  const date = cleanValue(value);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { problem: `${quoted(date)} is not a date like 2024-05-31.` };
  }
  return date;
}
