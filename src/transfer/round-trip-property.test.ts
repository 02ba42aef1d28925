/**
 * Export → import is the identity, checked on a few hundred random works
 * (a seeded PRNG, so a failure replays): titles, tag names and chapter
 * titles as the post form would store them, and summaries, notes, end notes
 * and chapter texts full of every line break and control character, non-
 * breaking spaces, leading and trailing spaces, backslashes, and lines that
 * look like headers, sections or chapter markers. Values the form refuses
 * (a line break in a title) are checked to be refused.
 */
import { describe, expect, it } from 'vitest';
import { plainTextToHtml } from '../html/body.ts';
import { CATEGORIES, LANGUAGES, RATINGS, WARNINGS } from '../domain-facts.ts';
import { cleanTagName, tagNameKey, tagNameProblem } from '../tags/names.ts';
import { singleLineProblem } from '../web/single-line.ts';
import { formatPlainTextWork } from './format-plain-text.ts';
import { parsePlainTextWork } from './parse-plain-text.ts';
import type { WorkForExport } from './queries.ts';

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BREAKS_AND_CONTROLS = [
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u000b',
  '\u000c',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u009f',
];
const CHARACTERS = [
  ...'abcXYZ019 :;,.-–—/&<>"\'\\*#?é中😀',
  '\u00a0',
  '\u202f',
  '\u3000',
  '\u200b',
  '&amp;',
  '&nbsp;',
  '  ',
];
const STRUCTURE_LINES = [
  'Rating: General Audiences',
  'Author: demo_admin',
  'Archive Warning: No Archive Warnings Apply',
  'Title: Another',
  'Summary:',
  'Notes: the real ones',
  'End notes:',
  'Work text:',
  'work TEXT :',
  '\u00a0Work text:\u00a0',
  'Chapter 1',
  'Chapter 2: Elsewhere',
  'chapter 3 — x',
  '\\Chapter 1',
  '\\\\Notes:',
  '\\o/',
  '  Notes:',
  'Words: 12',
];

type Random = ReturnType<typeof prng>;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const count = (random: Random, max: number) => Math.floor(random() * (max + 1));

function randomText(random: Random, length: number, withBreaks: boolean): string {
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const roll = random();
    if (withBreaks && roll < 0.12) text += pick(random, BREAKS_AND_CONTROLS);
    else if (withBreaks && roll < 0.2) text += `\n${pick(random, STRUCTURE_LINES)}\n`;
    else if (!withBreaks && roll < 0.05) text += pick(random, BREAKS_AND_CONTROLS);
    else if (!withBreaks && roll < 0.1) text += pick(random, STRUCTURE_LINES);
    else text += pick(random, CHARACTERS);
  }
  // A file is read in NFC (decode-file.ts), so the property holds for text in NFC.
  return text.normalize('NFC');
}

/** A multi-line field as the form's plain-text path stores it (NUL cannot be in a text file). */
const storedText = (random: Random, max: number) =>
  plainTextToHtml(randomText(random, count(random, max), true).replace(/\0/g, ''));

/** A one-line value as the post form keeps it (trimmed), or undefined when the form refuses it. */
function formValue(raw: string): string | undefined {
  return singleLineProblem(raw, 'x') ? undefined : raw.trim() || undefined;
}

function randomTags(random: Random): string[] {
  const names: string[] = [];
  for (let i = count(random, 3); i > 0; i -= 1) {
    const raw = randomText(random, 1 + count(random, 12), false);
    if (tagNameProblem(raw)) continue;
    const name = cleanTagName(raw);
    if (!names.some((n) => tagNameKey(n) === tagNameKey(name))) names.push(name);
  }
  return names;
}

function randomWork(random: Random, id: number): WorkForExport {
  const chapterCount = 1 + count(random, 2);
  const chapters = Array.from({ length: chapterCount }, () => {
    let body = '';
    while (!body) body = storedText(random, 80);
    return { title: formValue(randomText(random, count(random, 10), false)) ?? '', body, wordCount: 1 };
  });
  const subset = (items: readonly string[]) => items.filter(() => random() < 0.3);
  const warnings = subset(WARNINGS);
  return {
    id,
    title: formValue(randomText(random, 1 + count(random, 30), false)) ?? 'Untitled',
    status: 'posted',
    rating: pick(random, RATINGS),
    languageName: pick(random, LANGUAGES)[1],
    creators: ['Wren', 'glass wright', 'an-old_friend 2'].filter(() => random() < 0.6),
    warnings: warnings.length ? warnings : [WARNINGS[0]],
    categories: subset(CATEGORIES),
    fandoms: randomTags(random),
    relationships: randomTags(random),
    characters: randomTags(random),
    freeforms: randomTags(random),
    series: [],
    expectedChapters: random() < 0.3 ? null : chapterCount + count(random, 2),
    publishedOn: '2024-02-29',
    updatedOn: '2024-03-01',
    summary: storedText(random, 60),
    notes: storedText(random, 60),
    endNotes: storedText(random, 60),
    chapters,
  };
}

describe('export → import with random text', () => {
  it('gives back every field exactly, for 400 random works', () => {
    const random = prng(20261202);
    for (let id = 1; id <= 400; id += 1) {
      const work = randomWork(random, id);
      const file = formatPlainTextWork(work);
      const result = parsePlainTextWork(file, `${id}.txt`);
      if (!result.ok) throw new Error(`work ${id}: line ${result.error.line}: ${result.error.message}\n${file}`);
      const back = result.work;
      const expected = {
        title: work.title,
        authors: work.creators,
        rating: work.rating,
        warnings: work.warnings,
        categories: work.categories,
        fandoms: work.fandoms,
        relationships: work.relationships,
        characters: work.characters,
        freeforms: work.freeforms,
        languageCode: LANGUAGES.find(([, name]) => name === work.languageName)![0],
        expectedChapters: work.expectedChapters,
        publishedOn: work.publishedOn,
        summary: work.summary,
        notes: work.notes,
        endNotes: work.endNotes,
        chapters: work.chapters.map(({ title, body }) => ({ title, body })),
      };
      expect({ id, ...back }).toMatchObject({ id, ...expected });
    }
  });

  it('is refused by the form for a one-line value holding any line break or control character', () => {
    for (const character of [...BREAKS_AND_CONTROLS, '\u0000']) {
      expect(singleLineProblem(`Innocent${character}Rating: General Audiences`, 'The title')).toMatch(
        /^The title (must be on one line|contains an invisible control character)/,
      );
      expect(tagNameProblem(`Slow${character}Burn`)).not.toBeNull();
    }
    expect(singleLineProblem('Moss\u00a0and Granite  ', 'The title')).toBeNull();
  });
});
