/**
 * How search sees text, the same on both databases: words are runs of
 * letters and digits, compared in lower case without accents ("Misérables"
 * finds "miserables"). SQLite's FTS5 `unicode61 remove_diacritics 2`
 * tokenizer does this itself; for PostgreSQL the indexer and the query
 * builder hand over text already folded here, so its `simple` parser sees
 * plain words and both dialects match the same works. Also: sortable titles
 * and creator names, and the snippet that shows where a search matched.
 */

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case, without accents, in compatibility form (ﬁ → fi). */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The search words of a text, in order. */
export function searchTokens(text: string): string[] {
  return foldCase(text).split(NOT_WORD).filter(Boolean);
}

/** The text as a line of search words separated by single spaces. */
export function foldedText(text: string): string {
  return searchTokens(text).join(' ');
}

const LEADING_ARTICLE = /^(the|a|an)\s+/u;

/** The key a title sorts by: folded, without a leading article or punctuation ("The Lantern" → "lantern"). */
export function titleSortKey(title: string): string {
  const folded = foldCase(title).replace(/^[^\p{L}\p{N}]+/u, '');
  const key = folded.replace(LEADING_ARTICLE, '').trim();
  return (key || folded).slice(0, 200);
}

/** The key a creator name sorts by. */
export function creatorSortKey(name: string): string {
  return foldCase(name)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim()
    .slice(0, 200);
}

/** One piece of a snippet: plain text, or a word the search matched. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

interface Word {
  start: number;
  end: number;
  folded: string;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = foldCase(match[0]);
    if (folded) words.push({ start: match.index, end: match.index + match[0].length, folded });
  }
  return words;
}

/**
 * A short excerpt of `text` around the first place one of `phrases` (each a
 * list of search words, in order) occurs, with the matched words marked.
 * Returns null when no phrase occurs in the text.
 */
export function makeSnippet(text: string, phrases: string[][], radius = 12): SnippetPart[] | null {
  const words = wordsOf(text);
  const wanted = phrases.filter((p) => p.length > 0);
  const matched = new Set<number>();
  let first = -1;
  for (let i = 0; i < words.length; i++) {
    for (const phrase of wanted) {
      if (phrase.every((token, k) => words[i + k]?.folded === token)) {
        for (let k = 0; k < phrase.length; k++) matched.add(i + k);
        if (first < 0) first = i;
      }
    }
    if (first >= 0 && i > first + radius * 2) break;
  }
  if (first < 0) return null;
  const from = Math.max(0, first - radius);
  const to = Math.min(words.length - 1, first + radius * 2);
  const parts: SnippetPart[] = [];
  const push = (part: string, isMatch: boolean) => {
    const last = parts.at(-1);
    if (last && last.isMatch === isMatch) last.text += part;
    else if (part) parts.push({ text: part, isMatch });
  };
  if (from > 0) push('… ', false);
  for (let i = from; i <= to; i++) {
    if (i > from) push(text.slice(words[i - 1].end, words[i].start).replace(/\s+/gu, ' '), false);
    push(text.slice(words[i].start, words[i].end), matched.has(i));
  }
  if (to < words.length - 1) push(' …', false);
  return parts;
}
