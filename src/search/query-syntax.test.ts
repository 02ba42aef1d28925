import { describe, expect, it } from 'vitest';
import { formatSearchText, parseSearchText } from './query-syntax.ts';

function parsed(text: string) {
  const result = parseSearchText(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse: ${result.problem.message}`);
  return result.query;
}

function problem(text: string) {
  const result = parseSearchText(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused`);
  return result.problem;
}

const word = (text: string, extra = {}) => ({ field: 'any', text, isPhrase: false, isExcluded: false, ...extra });

describe('the search box language', () => {
  it('reads plain words as clauses that must all match', () => {
    expect(parsed('  lantern   harbour ').clauses).toEqual([word('lantern'), word('harbour')]);
  });

  it('parses nothing to an empty query', () => {
    expect(parsed('')).toEqual({ clauses: [], ranges: [], sort: null });
    expect(parsed('   ')).toEqual({ clauses: [], ranges: [], sort: null });
  });

  it('keeps a quoted phrase together and excludes -words and -"phrases"', () => {
    expect(parsed('"found family" -angst -"major death" tea').clauses).toEqual([
      word('found family', { isPhrase: true }),
      word('angst', { isExcluded: true }),
      word('major death', { isPhrase: true, isExcluded: true }),
      word('tea'),
    ]);
  });

  it('restricts words to a field with title:, creator: and tag:, quoted or not', () => {
    expect(parsed('title:lantern creator:"Ink Well" TAG:fluff -tag:angst author:moth').clauses).toEqual([
      word('lantern', { field: 'title' }),
      word('Ink Well', { field: 'creator', isPhrase: true }),
      word('fluff', { field: 'tag' }),
      word('angst', { field: 'tag', isExcluded: true }),
      word('moth', { field: 'creator' }),
    ]);
  });

  it('reads comparisons on words, kudos, chapters, hits, comments and bookmarks', () => {
    expect(parsed('words>1000 kudos>=50 chapters<5 hits<=10k comments=3 bookmarks>1,200').ranges).toEqual([
      { field: 'words', op: '>', value: 1000 },
      { field: 'kudos', op: '>=', value: 50 },
      { field: 'chapters', op: '<', value: 5 },
      { field: 'hits', op: '<=', value: 10000 },
      { field: 'comments', op: '=', value: 3 },
      { field: 'bookmarks', op: '>', value: 1200 },
    ]);
  });

  it('takes sort: from the box', () => {
    expect(parsed('lantern sort:kudos').sort).toBe('kudos');
    expect(parsed('sort:TITLE').sort).toBe('title');
  });

  it('treats colons in names that are not fields as text, and drops stray punctuation', () => {
    expect(parsed('Re:Zero & - tea').clauses).toEqual([word('Re:Zero'), word('tea')]);
  });

  it('explains an unclosed quotation mark', () => {
    const p = problem('tea "found family');
    expect(p.message).toContain('not closed');
    expect(p.hint).toContain('"found family"');
    expect(p.position).toBe(4);
  });

  it('explains a comparison without a number', () => {
    expect(problem('words>lots').message).toBe('"words>" needs a whole number, not "lots".');
    expect(problem('kudos>=').message).toContain('(nothing)');
  });

  it('explains a comparison on something that cannot be compared', () => {
    const p = problem('size>10');
    expect(p.message).toBe('"size" cannot be compared.');
    expect(p.hint).toContain('words, kudos, chapters, hits, comments, bookmarks');
  });

  it('explains an unknown sort and an empty field', () => {
    expect(problem('sort:popularity').hint).toContain('sort:kudos');
    expect(problem('title:').message).toBe('"title:" needs something to look for.');
    expect(problem('title: lantern').message).toBe('"title:" needs something to look for.');
    expect(problem('"  "').message).toBe('A quoted phrase has no words in it.');
  });

  it('refuses excluded comparisons and sorts with a way to say it', () => {
    expect(problem('-words>100').hint).toContain('words<1000');
    expect(problem('-sort:kudos').hint).toContain('without the minus');
  });

  it('refuses overlong searches instead of building a huge query', () => {
    expect(problem('a'.repeat(501)).message).toContain('longer than 500');
    expect(problem(Array.from({ length: 40 }, (_, n) => `w${n}`).join(' ')).message).toContain('more than 32 parts');
  });

  it('never throws, whatever is typed', () => {
    const alphabet = ['"', '-', ':', '>', '<', '=', ' ', 'a', 'title', 'words', '1', 'sort', 'k', ',', 'é', '\t'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
      const result = parseSearchText(text);
      if (result.ok) expect(parsed(formatSearchText(result.query))).toEqual(result.query);
      else expect(result.problem.message.length).toBeGreaterThan(0);
    }
  });
});
