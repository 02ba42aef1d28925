/**
 * The search box language: words (all must match), "a phrase", -word,
 * title:, creator:, tag:, comparisons such as words>1000, kudos>=50,
 * chapters<5, and sort:kudos. Parsing is pure and never throws: a mistake
 * comes back as a message that says what was wrong and how to write it, so
 * a typo in the search box is a hint on the page rather than a 500.
 */
import {
  RANGE_FIELDS,
  SORT_KEYS,
  type Comparison,
  type RangeClause,
  type RangeField,
  type SortKey,
  type TextClause,
  type TextField,
  type TextQuery,
} from './filters.ts';

export interface SyntaxProblem {
  message: string;
  /** How to write what the reader probably meant. */
  hint: string;
  /** Character offset of the mistake in the typed text. */
  position: number;
}

export type ParseResult = { ok: true; query: TextQuery } | { ok: false; problem: SyntaxProblem };

export const MAX_QUERY_LENGTH = 500;
export const MAX_CLAUSES = 32;

const FIELD_NAMES: Record<string, TextField> = {
  title: 'title',
  creator: 'creator',
  author: 'creator',
  by: 'creator',
  tag: 'tag',
  tags: 'tag',
};

const RANGE_ALIASES: Record<string, RangeField> = {
  words: 'words',
  word: 'words',
  kudos: 'kudos',
  chapters: 'chapters',
  chapter: 'chapters',
  hits: 'hits',
  comments: 'comments',
  bookmarks: 'bookmarks',
};

/** A word counts only if it holds a letter or digit; `&` alone would match nothing useful. */
const HAS_WORD = /[\p{L}\p{N}]/u;
const COMPARISON = /^([\p{L}_]+)(>=|<=|>|<|=)(.*)$/u;

class Problem extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.message);
  }
}

function fail(position: number, message: string, hint: string): never {
  throw new Problem({ message, hint, position });
}

/** Parses the search box text. Empty text parses to an empty query. */
export function parseSearchText(text: string): ParseResult {
  try {
    return { ok: true, query: parseOrThrow(text) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem };
    throw error;
  }
}

function parseOrThrow(text: string): TextQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    fail(
      MAX_QUERY_LENGTH,
      `The search is longer than ${MAX_QUERY_LENGTH} characters.`,
      'Use fewer, more distinctive words.',
    );
  }
  const query: TextQuery = { clauses: [], ranges: [], sort: null };
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/u.test(text[i])) i++;
  };
  skipSpace();
  while (i < text.length) {
    const start = i;
    let isExcluded = false;
    if (text[i] === '-' && i + 1 < text.length && !/\s/u.test(text[i + 1])) {
      isExcluded = true;
      i++;
    }
    if (text[i] === '"') {
      const [phrase, end] = readQuoted(text, i);
      i = end;
      addText(query, { field: 'any', text: phrase, isPhrase: true, isExcluded }, start);
    } else {
      const word = readBare(text, i);
      i += word.length;
      readToken(query, text, word, start, isExcluded, (end) => (i = end));
    }
    if (query.clauses.length + query.ranges.length > MAX_CLAUSES) {
      fail(
        start,
        `The search has more than ${MAX_CLAUSES} parts.`,
        'Use fewer words, or the filters beside the results.',
      );
    }
    skipSpace();
  }
  return query;
}

/** A bare token runs to the next space, except that `field:"…"` continues into its quotes. */
function readBare(text: string, from: number): string {
  let end = from;
  while (end < text.length && !/\s/u.test(text[end]) && text[end] !== '"') end++;
  return text.slice(from, end);
}

function readQuoted(text: string, openAt: number): [string, number] {
  const close = text.indexOf('"', openAt + 1);
  if (close < 0) {
    const fragment = text.slice(openAt + 1, openAt + 31);
    fail(
      openAt,
      `A quotation mark is not closed: "${fragment}…`,
      'Close the phrase with a second " (for example "found family").',
    );
  }
  return [text.slice(openAt + 1, close), close + 1];
}

function readToken(
  query: TextQuery,
  text: string,
  word: string,
  start: number,
  isExcluded: boolean,
  moveTo: (end: number) => void,
): void {
  const afterWord = start + (isExcluded ? 1 : 0) + word.length;
  const colon = word.indexOf(':');
  const prefix = colon > 0 ? word.slice(0, colon).toLowerCase() : '';

  if (prefix === 'sort') {
    if (isExcluded) fail(start, '"sort:" cannot be excluded with "-".', 'Write sort:kudos, without the minus.');
    const value = word.slice(colon + 1).toLowerCase();
    const sort = SORT_KEYS.find((key) => key === value);
    if (!sort) {
      fail(
        start,
        `"${value || '(nothing)'}" is not a sort.`,
        `Sort by one of: ${SORT_KEYS.map((k) => `sort:${k}`).join(', ')}.`,
      );
    }
    query.sort = sort as SortKey;
    return;
  }

  const field = FIELD_NAMES[prefix];
  if (field) {
    let value = word.slice(colon + 1);
    let isPhrase = false;
    if (!value && text[afterWord] === '"') {
      const [phrase, end] = readQuoted(text, afterWord);
      value = phrase;
      isPhrase = true;
      moveTo(end);
    }
    if (!value.trim()) {
      fail(
        start,
        `"${prefix}:" needs something to look for.`,
        `Write ${prefix}:lantern, or ${prefix}:"two words" for a phrase.`,
      );
    }
    addText(query, { field, text: value, isPhrase, isExcluded }, start);
    return;
  }

  const comparison = COMPARISON.exec(word);
  if (comparison) {
    const [, name, op, raw] = comparison;
    const rangeField = RANGE_ALIASES[name.toLowerCase()];
    if (!rangeField) {
      fail(
        start,
        `"${name}" cannot be compared.`,
        `Compare one of: ${RANGE_FIELDS.join(', ')} (for example words>1000).`,
      );
    }
    if (isExcluded) {
      fail(
        start,
        `"-${word}" cannot be excluded with "-".`,
        `Turn the comparison round instead (for example ${rangeField}<1000).`,
      );
    }
    query.ranges.push({ field: rangeField, op: op as Comparison, value: parseCount(raw, start, rangeField, op) });
    return;
  }

  // Anything else is plain text, including colons that are part of a name ("Re:Zero").
  addText(query, { field: 'any', text: word, isPhrase: false, isExcluded }, start);
}

function parseCount(raw: string, position: number, field: RangeField, op: string): number {
  const match = /^(\d[\d,_]*)(k?)$/i.exec(raw);
  if (!match) {
    fail(
      position,
      `"${field}${op}" needs a whole number, not "${raw || '(nothing)'}".`,
      `Write ${field}${op}1000 (or ${field}${op}10k).`,
    );
  }
  const value = Number(match[1].replace(/[,_]/g, '')) * (match[2] ? 1000 : 1);
  if (!Number.isSafeInteger(value)) fail(position, `${raw} is too large a number.`, 'Use a smaller number.');
  return value;
}

function addText(query: TextQuery, clause: TextClause, position: number): void {
  const text = clause.text.trim().replace(/\s+/gu, ' ');
  if (!HAS_WORD.test(text)) {
    if (clause.isPhrase)
      fail(position, 'A quoted phrase has no words in it.', 'Put words between the quotation marks, or remove them.');
    return; // stray punctuation such as "&" or "-" between words
  }
  query.clauses.push({ ...clause, text });
}

/** True when some text clause must match (relevance needs something to rank by). */
export function hasPositiveText(query: TextQuery): boolean {
  return query.clauses.some((c) => !c.isExcluded);
}

/** Writes a query back as search-box text: parse(format(q)) gives q again. */
export function formatSearchText(query: TextQuery): string {
  const parts = query.clauses.map((c) => {
    const value = c.isPhrase || /\s/u.test(c.text) ? `"${c.text.replace(/"/g, '')}"` : c.text;
    return `${c.isExcluded ? '-' : ''}${c.field === 'any' ? '' : `${c.field}:`}${value}`;
  });
  parts.push(...query.ranges.map((r: RangeClause) => `${r.field}${r.op}${r.value}`));
  if (query.sort) parts.push(`sort:${query.sort}`);
  return parts.join(' ');
}
