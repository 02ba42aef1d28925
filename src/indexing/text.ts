/**
 * How search sees text, the same on both databases: words are runs of
 * letters and digits, compared in lower case without accents ("Misérables"
 * finds "miserables"). Scripts written without spaces between words are cut
 * into words first: each Han, Hiragana, Katakana and Hangul character is a
 * word of its own (so 雨 finds 夜里下着雨, and 灯塔 is the phrase 灯 塔; kana keep
 * their voicing marks), and so is each Thai letter with its marks (cut by
 * `Intl.Segmenter`, folded like every other word). A dictionary cut of Thai
 * into words can cut the text and the query differently; letter by letter,
 * a word in the text is always found, as a phrase of its letters. The indexer and the
 * query builder both hand the databases text already cut and folded here,
 * so SQLite's FTS5 and PostgreSQL's `simple` parser see the same plain words
 * and phrase search works across them. Also: sortable titles and creator
 * names, and the snippet that shows where a search matched.
 */

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;
/** Scripts whose every character is searched as a word. */
const ONE_CHARACTER_WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const THAI = /\p{Script=Thai}/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const thaiLetters = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Lower case, without accents, in compatibility form (ﬁ → fi). */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** A word of a text: where it stands, and how search compares it. */
interface Word {
  start: number;
  end: number;
  folded: string;
}

/** Cuts a run of letters holding unspaced script into words; `at` is the run's offset in the text. */
function cutUnspaced(run: string, at: number, into: Word[]): void {
  let pending = -1; // start of a stretch of other letters (Latin beside Han, say)
  const flush = (end: number) => {
    if (pending >= 0) into.push({ start: at + pending, end: at + end, folded: foldCase(run.slice(pending, end)) });
    pending = -1;
  };
  let i = 0;
  while (i < run.length) {
    const char = String.fromCodePoint(run.codePointAt(i)!);
    if (ONE_CHARACTER_WORDS.test(char)) {
      flush(i);
      into.push({ start: at + i, end: at + i + char.length, folded: char.normalize('NFKC').toLowerCase() });
      i += char.length;
    } else if (THAI.test(char)) {
      flush(i);
      let end = i;
      while (end < run.length && (THAI.test(run[end]!) || /\p{M}/u.test(run[end]!))) end++;
      for (const piece of thaiLetters.segment(run.slice(i, end))) {
        const start = at + i + piece.index;
        const folded = foldCase(piece.segment);
        if (folded) into.push({ start, end: start + piece.segment.length, folded });
      }
      i = end;
    } else {
      if (pending < 0) pending = i;
      i += char.length;
    }
  }
  flush(run.length);
}

/** The words of a text, in order, with their places in it. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_RUN)) {
    if (UNSPACED.test(match[0])) cutUnspaced(match[0], match.index, words);
    else words.push({ start: match.index, end: match.index + match[0].length, folded: foldCase(match[0]) });
  }
  return words;
}

const ASCII_ONLY = /^\p{ASCII}*$/u;
const ASCII_WORD = /[a-z0-9]+/g;

/** The search words of a text, in order. */
export function searchTokens(text: string): string[] {
  // ASCII text has no marks, no compatibility forms and no unspaced script: its words are its letter runs,
  // lower-cased — the same words as below, without normalizing a whole chapter twice (bulk imports index many).
  if (ASCII_ONLY.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return wordsOf(text.normalize('NFC')).flatMap((word) => word.folded.split(NOT_WORD).filter(Boolean));
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
