/**
 * The importer holds every header and section to the post form's limits
 * (docs/DOMAIN.md, Works), field by field: a value just at its limit reads, one
 * character more is refused with its line and the limit, and no refusal
 * quotes more than the start of a huge value.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain-facts.ts';
import { describeResult } from './import-work.ts';
import { parsePlainTextWork } from './parse-plain-text.ts';

const HUGE = 'x'.repeat(2_000_000);

function parse(contents: string) {
  return parsePlainTextWork(contents, 'big.txt');
}

function problemOf(contents: string) {
  const result = parse(contents);
  if (result.ok) throw new Error(`expected an error, parsed "${result.work.title}"`);
  // A refusal never carries the huge value back.
  expect(result.error.message.length).toBeLessThan(300);
  return result.error;
}

/** A file with `header` as its second line and one short chapter. */
const withHeader = (header: string) => `Title: T\n${header}\n\nWork text:\nA short line.\n`;

describe('the importer applies the post form limits to each header', () => {
  it('Title: 255 characters', () => {
    expect(parse(`Title: ${'a'.repeat(255)}\n\nWork text:\nx\n`).ok).toBe(true);
    expect(problemOf(`Title: ${HUGE}\n\nWork text:\nx\n`)).toEqual({
      line: 1,
      message: 'The title is longer than 255 characters.',
    });
  });

  it('Work ID: 100 characters, quoted short', () => {
    expect(parse(withHeader(`Work ID: ${'7'.repeat(100)}`)).ok).toBe(true);
    const problem = problemOf(withHeader(`Work ID: ${HUGE}`));
    expect(problem.line).toBe(2);
    expect(problem.message).toBe(`The Work ID "${'x'.repeat(60)}…" is longer than 100 characters.`);
  });

  it('Author: each name 100 characters, at most 20 creators, over several lines', () => {
    expect(parse(withHeader(`Author: ${'b'.repeat(100)}`)).ok).toBe(true);
    expect(problemOf(withHeader(`Author: ada, ${HUGE}`))).toEqual({
      line: 2,
      message: `The author name "${'x'.repeat(60)}…" is longer than 100 characters.`,
    });
    const twenty = Array.from({ length: 20 }, (_, i) => `writer${i}`).join(', ');
    expect(parse(withHeader(`Author: ${twenty}`)).ok).toBe(true);
    expect(problemOf(`Title: T\nAuthor: ${twenty}\nAuthor: one more\n\nWork text:\nx\n`)).toEqual({
      line: 3,
      message: 'A work can have at most 20 creators.',
    });
  });

  it('Series: each title 255 characters (after "Part N of"), at most 20 series', () => {
    expect(parse(withHeader(`Series: Part 2 of ${'s'.repeat(255)}`)).ok).toBe(true);
    expect(problemOf(withHeader(`Series: Part 2 of ${'s'.repeat(256)}`))).toEqual({
      line: 2,
      message: `The series title "${'s'.repeat(60)}…" is longer than 255 characters.`,
    });
    const many = Array.from({ length: 21 }, (_, i) => `Series ${i}`).join(', ');
    expect(problemOf(withHeader(`Series: ${many}`))).toEqual({
      line: 2,
      message: 'A work can have at most 20 series.',
    });
  });

  it('fixed values (rating, warning, category, language, status, chapters, published) quote at most 60 characters', () => {
    for (const header of ['Rating', 'Archive Warning', 'Category', 'Language', 'Status', 'Chapters', 'Published']) {
      const problem = problemOf(withHeader(`${header}: ${HUGE}`));
      expect(problem.line, header).toBe(2);
      expect(problem.message, header).toContain(`"${'x'.repeat(60)}…"`);
    }
  });

  it('Chapters: at most 100,000, as the post form', () => {
    expect(problemOf(withHeader('Chapters: 1/100001'))).toEqual({
      line: 2,
      message: 'A work can have at most 100,000 chapters.',
    });
  });

  it('tags: 150 characters a name (quoted short), 75 in all', () => {
    expect(parse(withHeader(`Fandom: ${'f'.repeat(150)}`)).ok).toBe(true);
    for (const header of ['Fandom', 'Relationship', 'Character', 'Additional Tags']) {
      expect(problemOf(withHeader(`${header}: ${HUGE}`)), header).toEqual({
        line: 2,
        message: `"${'x'.repeat(40)}…" is longer than 150 characters.`,
      });
    }
    const many = Array.from({ length: 76 }, (_, i) => `Tag ${i}`).join(', ');
    expect(problemOf(withHeader(`Character: ${many}`)).message).toMatch(/at most 75 are allowed/);
  });
});

describe('the importer applies the post form limits to each section and chapter', () => {
  it('summary 1,250, notes and end notes 5,000 characters', () => {
    const file = (section: string, size: number) => `Title: T\n\n${section}:\n${'n'.repeat(size)}\n\nWork text:\nx\n`;
    expect(parse(file('Summary', LIMITS.summaryMax)).ok).toBe(true);
    expect(problemOf(file('Summary', LIMITS.summaryMax + 1))).toEqual({
      line: 3,
      message: 'The summary is longer than 1,250 characters.',
    });
    expect(parse(file('Notes', LIMITS.notesMax)).ok).toBe(true);
    expect(problemOf(file('Notes', LIMITS.notesMax + 1)).message).toBe('The notes are longer than 5,000 characters.');
    expect(problemOf(file('End notes', LIMITS.notesMax + 1)).message).toBe(
      'The end notes are longer than 5,000 characters.',
    );
  });

  it('the body of a one-chapter work: 500,000 characters', () => {
    expect(parse(`Title: T\n\nWork text:\n${'w'.repeat(LIMITS.chapterBodyMax)}\n`).ok).toBe(true);
    expect(problemOf(`Title: T\n\nWork text:\n${'w'.repeat(LIMITS.chapterBodyMax + 1)}\n`)).toEqual({
      line: 4,
      message: 'The work text is longer than 500,000 characters (it has 500,001); split it into chapters.',
    });
  });

  it('each chapter of a multi-chapter work: a 255-character title and 500,000 characters of text', () => {
    const big = 'w'.repeat(LIMITS.chapterBodyMax + 1);
    expect(problemOf(`Title: T\n\nWork text:\nChapter 1\nOne.\n\nChapter 2\n${big}\n`)).toEqual({
      line: 7,
      message: 'Chapter 2 is longer than 500,000 characters (it has 500,001); split it into chapters.',
    });
    expect(problemOf(`Title: T\n\nWork text:\nChapter 1: ${'t'.repeat(256)}\nOne.\n`)).toEqual({
      line: 4,
      message: 'The title of chapter 1 is longer than 255 characters.',
    });
  });

  it('a refusal names the file, the line and the limit', () => {
    const result = parse(withHeader(`Series: ${HUGE}`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeResult({ fileName: 'big.txt', ok: false, ...result.error })).toBe(
      `big.txt:2: The series title "${'x'.repeat(60)}…" is longer than 255 characters.`,
    );
  });
});
