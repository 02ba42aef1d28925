/**
 * The filter form: reads a listing's query string into `Filters` and writes
 * `Filters` back as the short, readable query string a reader can share.
 * Every parameter is parsed on its own with zod, so one bad value (words=lots)
 * becomes a notice beside the results while the other filters still apply,
 * rather than an error page.
 */
import { z } from 'zod';
import { CATEGORIES, RATINGS, WARNINGS } from '../domain-facts.ts';
import { splitTagList, tagNameKey } from '../tags/names.ts';
import {
  MAX_PAGE,
  SORT_KEYS,
  defaultOrder,
  emptyFilters,
  naturalSortOf,
  type Bounds,
  type Crossover,
  type Filters,
  type SortKey,
  type SortOrder,
} from './filters.ts';

/** A query string as Hono's `c.req.queries()` gives it, or as URLSearchParams. */
export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

export interface FilterProblem {
  param: string;
  message: string;
}

export interface ParsedFilters {
  filters: Filters;
  problems: FilterProblem[];
}

function valuesOf(input: QueryInput, name: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(name);
  const value = input[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const tagList = z.array(z.string()).transform((values) => splitTagList(values.join(',')));

/** Names from a fixed vocabulary, matched without regard to case, in their proper spelling. */
function fixedNames(vocabulary: readonly string[], what: string) {
  return tagList.transform((names, ctx) => {
    const found: string[] = [];
    for (const name of names) {
      const proper = vocabulary.find((v) => tagNameKey(v) === tagNameKey(name));
      if (proper) found.push(proper);
      else ctx.addIssue({ code: 'custom', message: `"${name}" is not ${what}; choose from ${vocabulary.join(', ')}.` });
    }
    return [...new Set(found)];
  });
}

const COUNT = /^\s*(\d[\d,_]*)(k?)\s*$/i;
function parseCount(text: string): number | null {
  const match = COUNT.exec(text);
  if (!match) return null;
  const value = Number(match[1].replace(/[,_]/g, '')) * (match[2] ? 1000 : 1);
  return Number.isSafeInteger(value) ? value : null;
}

const wordRange = z.string().transform((text, ctx): Bounds<number> => {
  const [rawMin, rawMax, ...rest] = text.split('-');
  const single = rawMax === undefined;
  const min = rawMin.trim() ? parseCount(rawMin) : null;
  const max = single ? min : rawMax.trim() ? parseCount(rawMax) : null;
  if (rest.length || (rawMin.trim() && min === null) || (!single && rawMax.trim() && max === null)) {
    ctx.addIssue({
      code: 'custom',
      message: `Word count "${text}" should look like 1000-5000 (either side may be left out).`,
    });
    return z.NEVER;
  }
  if (min !== null && max !== null && min > max) return { min: max, max: min };
  return { min, max };
});

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const dateRange = z.string().transform((text, ctx): Bounds<string> => {
  const parts = text.includes('..') ? text.split('..') : [text, text];
  const [min, max] = parts.map((p) => p.trim() || null);
  if (parts.length !== 2 || [min, max].some((d) => d !== null && !isRealDate(d))) {
    ctx.addIssue({
      code: 'custom',
      message: `Dates "${text}" should look like 2021-01-31..2021-12-31 (either side may be left out).`,
    });
    return z.NEVER;
  }
  if (min && max && min > max) return { min: max, max: min };
  return { min, max };
});

const schemas = {
  rating: fixedNames(RATINGS, 'a rating'),
  warning: fixedNames(WARNINGS, 'an archive warning'),
  category: fixedNames(CATEGORIES, 'a category'),
  crossover: z.enum(['include', 'exclude', 'only'], { error: 'Crossovers: choose include, exclude or only.' }),
  complete: z.enum(['true', 'false'], { error: 'Complete: choose true or false.' }).transform((v) => v === 'true'),
  lang: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'Language should be a code such as en or pt-BR.' }),
  sort: z.enum(SORT_KEYS, { error: `Sort by one of: ${SORT_KEYS.join(', ')}.` }),
  order: z.enum(['asc', 'desc'], { error: 'Order: choose asc or desc.' }),
  page: z.coerce.number({ error: 'Page should be a number.' }).int({ error: 'Page should be a whole number.' }),
};

/**
 * Reads a listing's filters. Unknown parameters are ignored; bad values become problems. `scopeSort` is the
 * listing's own sort when no other is asked for (a reader's kudos history sorts by when they left kudos).
 */
export function parseFilters(input: QueryInput, scopeSort?: SortKey): ParsedFilters {
  const problems: FilterProblem[] = [];
  const one = (name: string): string | undefined => {
    const value = valuesOf(input, name)
      .filter((v) => v.trim() !== '')
      .at(-1);
    return value?.trim();
  };
  function field<T>(name: string, schema: z.ZodType<T>, raw: unknown): T | undefined {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    problems.push({ param: name, message: result.error.issues.map((i) => i.message).join(' ') });
    return undefined;
  }
  const optional = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = one(name);
    return raw === undefined ? undefined : field(name, schema, raw);
  };

  const filters = emptyFilters();
  filters.include = tagList.parse(valuesOf(input, 'include'));
  filters.exclude = tagList.parse(valuesOf(input, 'exclude'));
  filters.fandoms = tagList.parse(valuesOf(input, 'fandom'));
  filters.ratings = field('rating', schemas.rating, valuesOf(input, 'rating')) ?? [];
  filters.warnings = field('warning', schemas.warning, valuesOf(input, 'warning')) ?? [];
  filters.categories = field('category', schemas.category, valuesOf(input, 'category')) ?? [];
  filters.crossover = (optional('crossover', schemas.crossover) as Crossover | undefined) ?? 'include';
  filters.complete = optional('complete', schemas.complete) ?? null;
  filters.language = optional('lang', schemas.lang) ?? null;
  filters.q = (one('q') ?? '').replace(/\s+/gu, ' ');

  // The sidebar form has two boxes per range; a shared link has one parameter.
  const words = one('words') ?? joinRange(one('words_min'), one('words_max'), '-');
  if (words) filters.words = field('words', wordRange, words) ?? filters.words;
  const updated = one('updated') ?? joinRange(one('updated_from'), one('updated_to'), '..');
  if (updated) filters.updated = field('updated', dateRange, updated) ?? filters.updated;

  const sort = optional('sort', schemas.sort) as SortKey | undefined;
  if (scopeSort) filters.scopeSort = scopeSort;
  filters.sort = sort ?? naturalSortOf(filters);
  filters.order = (optional('order', schemas.order) as SortOrder | undefined) ?? defaultOrder(filters.sort);
  const page = optional('page', schemas.page) ?? 1;
  filters.page = Math.min(Math.max(page, 1), MAX_PAGE);
  return { filters, problems };
}

function joinRange(min: string | undefined, max: string | undefined, separator: string): string | undefined {
  if (min === undefined && max === undefined) return undefined;
  return `${min ?? ''}${separator}${max ?? ''}`;
}

function rangeText<T>(bounds: Bounds<T>, separator: string): string | null {
  if (bounds.min === null && bounds.max === null) return null;
  return `${bounds.min ?? ''}${separator}${bounds.max ?? ''}`;
}

/**
 * The canonical query string for `filters`, leaving out defaults, in a fixed
 * parameter order: two readers with the same filters share the same link.
 */
export function filtersToParams(filters: Filters, overrides: Partial<Filters> = {}): URLSearchParams {
  const f = { ...filters, ...overrides };
  const params = new URLSearchParams();
  const list = (name: string, values: string[]) => {
    if (values.length) params.set(name, values.join(','));
  };
  list('include', f.include);
  list('exclude', f.exclude);
  list('rating', f.ratings);
  list('warning', f.warnings);
  list('category', f.categories);
  list('fandom', f.fandoms);
  if (f.crossover !== 'include') params.set('crossover', f.crossover);
  if (f.complete !== null) params.set('complete', String(f.complete));
  const words = rangeText(f.words, '-');
  if (words) params.set('words', words);
  const updated = rangeText(f.updated, '..');
  if (updated) params.set('updated', updated);
  if (f.language) params.set('lang', f.language);
  if (f.q) params.set('q', f.q);
  if (f.sort !== naturalSortOf(f)) params.set('sort', f.sort);
  if (f.order !== defaultOrder(f.sort)) params.set('order', f.order);
  if (f.page > 1) params.set('page', String(f.page));
  return params;
}

/** `path?query` for the filters, or just `path` when every filter is at its default. */
export function filtersHref(path: string, filters: Filters, overrides: Partial<Filters> = {}): string {
  const query = filtersToParams(filters, overrides).toString();
  return query ? `${path}?${query}` : path;
}

/** True when the filters narrow the listing at all (sort and page aside). */
export function isFiltered(f: Filters): boolean {
  return (
    [f.include, f.exclude, f.ratings, f.warnings, f.categories, f.fandoms].some((list) => list.length > 0) ||
    f.crossover !== 'include' ||
    f.complete !== null ||
    [f.words.min, f.words.max, f.updated.min, f.updated.max, f.language].some((v) => v !== null) ||
    f.q !== ''
  );
}
