/**
 * The plain-text parser on its own (no database): the fixtures in
 * test/fixtures/import/ — odd but valid files that must read correctly, and
 * broken files that must be refused with the line and a clear reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlainTextWork, type ParsedWork } from './parse-plain-text.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/import');
const bytesOf = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

function parseFixture(name: string): ParsedWork {
  const result = parsePlainTextWork(bytesOf(name), name);
  if (!result.ok) throw new Error(`${name}:${result.error.line}: ${result.error.message}`);
  return result.work;
}

function problemOf(contents: string | Uint8Array) {
  const result = parsePlainTextWork(contents, 'test.txt');
  if (result.ok) throw new Error(`expected an error, parsed "${result.work.title}"`);
  return result.error;
}

describe('parsePlainTextWork: files that read', () => {
  it('reads every header of a multi-chapter work, its sections and its chapters', () => {
    const work = parseFixture('multi-chapter.txt');
    expect(work).toMatchObject({
      title: "The Cartographer's Three Winters",
      sourceRef: '77',
      authors: ['inkandcompass'],
      rating: 'Mature',
      warnings: ['Graphic Depictions Of Violence'],
      categories: ['M/M'],
      fandoms: ['Original Work'],
      relationships: ['Tamsin/Oleg'],
      characters: ['Tamsin', 'Oleg'],
      freeforms: ['Maps', 'Winter'],
      languageCode: 'en',
      series: [{ title: 'The Compass Stories', position: 2 }],
      expectedChapters: null,
      publishedOn: '2022-12-01',
      summary: '<p>A mapmaker spends three winters charting a coast that keeps changing.</p>',
      notes: '<p>Written for a prompt about impossible maps.</p>',
    });
    expect(work.chapters.map((c) => c.title)).toEqual(['First Winter', 'Second Winter', '']);
    expect(work.chapters[0].body).toBe(
      '<p>The coastline moved an inch every night. Tamsin measured it with string.</p>\n' +
        '<p>Oleg said she was wasting her winters. She said winters were made for wasting.</p>',
    );
    expect(work.chapters[2].body).toBe(
      '<p>By the third winter they had stopped arguing and started drawing together.</p>',
    );
  });

  it('ignores header lines it does not know (Collections, Kudos, Hits, Updated, Words…)', () => {
    const work = parseFixture('unknown-headers.txt');
    expect(work.title).toBe('The Salt Road Ferry');
    expect(work.characters).toEqual(['Ferrywoman Ide', 'The Lighthouse Boy']);
    expect(work.expectedChapters).toBe(1);
    expect(work.chapters).toHaveLength(1);
    expect(work.chapters[0].body).toContain(
      '<p>&quot;Nobody can, in this weather,&quot; said Ide, and untied the rope.</p>',
    );
  });

  it('fills in what optional lines leave out: Not Rated, no warnings chosen, English, complete', () => {
    const work = parseFixture('missing-optional.txt');
    expect(work).toMatchObject({
      title: 'Inventory of a Small Kitchen',
      authors: [],
      rating: 'Not Rated',
      warnings: ['Creator Chose Not To Use Archive Warnings'],
      categories: [],
      languageCode: 'en',
      summary: '',
      notes: '',
      expectedChapters: 1,
      sourceRef: null,
      publishedOn: null,
    });
  });

  it('reads CRLF line ends like LF', () => {
    const bytes = bytesOf('crlf.txt');
    expect(bytes.includes('\r\n')).toBe(true);
    const work = parseFixture('crlf.txt');
    expect(work.title).toBe('Letters Under the Door');
    expect(work.rating).toBe('Teen And Up Audiences');
    expect(work.chapters[0].body).toBe(
      '<p>The first note said only: your radio is too loud.</p>\n<p>The second said: sorry. What station do you like?</p>',
    );
    expect(work.summary).not.toContain('\r');
  });

  it('drops a byte-order mark before the first header', () => {
    expect([...bytesOf('bom.txt').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const work = parseFixture('bom.txt');
    expect(work.title).toBe("The Clockmaker's Apprentice");
  });

  it('reads UTF-16 text that starts with its byte-order mark', () => {
    const text = bytesOf('bom.txt')
      .toString('utf8')
      .replace(/^\ufeff/, '');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parsePlainTextWork(utf16, 'utf16.txt')).toMatchObject({
      ok: true,
      work: { title: "The Clockmaker's Apprentice" },
    });
  });

  it('reads header names, fixed values and tags through non-breaking spaces; a title keeps its own', () => {
    expect(bytesOf('nbsp.txt').toString('utf8')).toContain('\u00a0');
    const work = parseFixture('nbsp.txt');
    // The post form keeps a non-breaking space in a title, so an exported title must come back with it.
    expect(work.title).toBe('Moss\u00a0and Granite');
    expect(work.rating).toBe('General Audiences');
    expect(work.warnings).toEqual(['No Archive Warnings Apply']);
    expect(work.fandoms).toEqual(['Original Work']);
    expect(work.relationships).toEqual(['Moss & Granite']);
    expect(work.freeforms).toEqual(['Slow Friendship', 'Geology']);
  });

  it('puts decomposed (NFD) text in NFC, so "Cafe\\u0301" is the same as "Café"', () => {
    expect(bytesOf('nfd.txt').toString('utf8')).toContain('Cafe\u0301');
    const work = parseFixture('nfd.txt');
    expect(work.title).toBe('The Caf\u00e9 at the End of the Pier');
    expect(work.title).toBe('The Cafe\u0301 at the End of the Pier'.normalize('NFC'));
    expect(work.characters).toEqual(['Am\u00e9lie the Baker']);
    expect(work.languageCode).toBe('fr'); // "Franc\u0327ais" in the file
    expect(work.chapters[0].body).toContain('Am\u00e9lie ouvrit le caf\u00e9 \u00e0 six heures');
  });

  it('matches header names without regard to case or singular/plural', () => {
    const work = parseFixture('plural-headers.txt');
    expect(work).toMatchObject({
      title: 'Two Lanterns',
      authors: ['lampwright', 'Someone From Elsewhere'],
      rating: 'Teen And Up Audiences',
      warnings: ['No Archive Warnings Apply'],
      categories: ['F/F', 'Gen'],
      fandoms: ['Original Work', 'Lantern Festival Stories'],
      relationships: ['Oriel/Sefa'],
      characters: ['Oriel', 'Sefa'],
      freeforms: ['Festivals', 'Pining'],
      languageCode: 'en',
    });
  });

  it('reads a work with no Fandom line as having no fandom', () => {
    const work = parseFixture('no-fandom.txt');
    expect(work.fandoms).toEqual([]);
    expect(work.freeforms).toEqual(['Rain', 'Childhood']);
  });

  it('knows languages by code, own name or English name', () => {
    const withLanguage = (language: string) =>
      parsePlainTextWork(`Title: T\nLanguage: ${language}\n\nWork text:\nText.\n`, 'x.txt');
    expect(withLanguage('de')).toMatchObject({ ok: true, work: { languageCode: 'de' } });
    expect(withLanguage('Deutsch')).toMatchObject({ ok: true, work: { languageCode: 'de' } });
    expect(withLanguage('german')).toMatchObject({ ok: true, work: { languageCode: 'de' } });
    expect(withLanguage('Português brasileiro')).toMatchObject({ ok: true, work: { languageCode: 'pt-BR' } });
  });

  it('takes the expected chapter count from Chapters, else from Status', () => {
    const text = (headers: string, chapters = 'Chapter 1\nOne.\n\nChapter 2\nTwo.\n') =>
      `Title: T\n${headers}\n\nWork text:\n${chapters}`;
    const expected = (headers: string) => {
      const result = parsePlainTextWork(text(headers), 'x.txt');
      return result.ok ? result.work.expectedChapters : result.error.message;
    };
    expect(expected('Chapters: 2/?')).toBeNull();
    expect(expected('Chapters: 2/2')).toBe(2);
    expect(expected('Chapters: 2/10')).toBe(10);
    expect(expected('Status: Completed')).toBe(2);
    expect(expected('Status: In Progress')).toBeNull();
    expect(expected('')).toBe(2);
  });

  it('keeps a "Chapter 2" line inside a one-chapter work as text', () => {
    const result = parsePlainTextWork(
      'Title: T\n\nWork text:\nShe opened the book.\n\nChapter 2\n\nIt was blank.\n',
      'x.txt',
    );
    expect(result).toMatchObject({ ok: true, work: { chapters: [{ title: '' }] } });
    if (result.ok) expect(result.work.chapters[0].body).toContain('<p>Chapter 2</p>');
  });
});

describe('parsePlainTextWork: files it refuses, each naming the line', () => {
  it('an empty file', () => {
    expect(problemOf(bytesOf('empty.txt'))).toEqual({ line: 1, message: 'The file is empty: there is no work in it.' });
    expect(problemOf('\n\n  \n').message).toMatch(/empty/);
  });

  it('a binary file (NUL bytes) and a file that is not UTF-8', () => {
    expect(problemOf(bytesOf('binary.txt'))).toMatchObject({ line: 3, message: expect.stringMatching(/binary file/) });
    expect(problemOf(bytesOf('invalid-utf8.txt'))).toMatchObject({
      line: 5,
      message: expect.stringMatching(/not UTF-8/),
    });
  });

  it('a file with no header (no Title: line)', () => {
    expect(problemOf(bytesOf('headerless.txt'))).toMatchObject({
      line: 1,
      message: expect.stringMatching(/no "Title:" line/),
    });
  });

  it('a truncated file: headers but no Work text, or an empty work text', () => {
    expect(problemOf(bytesOf('truncated.txt'))).toEqual({
      line: 9,
      message: 'The file ends before its "Work text:" section: it may have been cut short.',
    });
    expect(problemOf(bytesOf('truncated-text.txt'))).toEqual({
      line: 8,
      message: 'The work text is empty: the file may have been cut short.',
    });
  });

  it('a file cut short between chapters (fewer chapters than the header says)', () => {
    const problem = problemOf('Title: T\nChapters: 3/3\n\nWork text:\nChapter 1\nOne.\n\nChapter 2\nTwo.\n');
    expect(problem).toEqual({
      line: 2,
      message: 'The header says 3 chapters but the work text has 2: the file may have been cut short.',
    });
  });

  it('a chapter with no text', () => {
    expect(problemOf(bytesOf('chapter-without-text.txt'))).toEqual({ line: 9, message: 'Chapter 2 has no text.' });
  });

  it('an unknown rating, warning, category or language', () => {
    expect(problemOf(bytesOf('unknown-rating.txt'))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^"Suitable For Owls" is not a rating\. Use one of: Not Rated, General Audiences/),
    });
    expect(problemOf(bytesOf('unknown-language.txt'))).toEqual({
      line: 3,
      message: '"Owlish" is not a language this archive knows.',
    });
    expect(problemOf('Title: T\nArchive Warnings: Spiders\n\nWork text:\nx\n')).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^"Spiders" is not an archive warning/),
    });
    expect(problemOf('Title: T\nCategory: Gen, Romance\n\nWork text:\nx\n')).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^"Romance" is not a category/),
    });
  });

  it('a bad chapter count, status or date, and a tag with a forbidden character', () => {
    expect(problemOf('Title: T\nChapters: three\n\nWork text:\nx\n').line).toBe(2);
    expect(problemOf('Title: T\nStatus: Abandoned\n\nWork text:\nx\n').message).toMatch(/not a status/);
    expect(problemOf('Title: T\nPublished: 2023-02-30\n\nWork text:\nx\n').message).toMatch(/not a date/);
    expect(problemOf('Title: T\nFandom: Original Work\nAdditional Tags: 100% Fluff\n\nWork text:\nx\n')).toMatchObject({
      line: 3,
      message: expect.stringMatching(/contains "%"/),
    });
  });

  it('more than 75 free-text tags, and a summary over 1,250 characters', () => {
    const tags = Array.from({ length: 74 }, (_, i) => `Tag ${i + 1}`).join(', ');
    expect(
      problemOf(`Title: T\nFandom: Original Work\nCharacter: A\nAdditional Tags: ${tags}\n\nWork text:\nx\n`),
    ).toEqual({
      line: 4,
      message: 'The work has 76 fandom, relationship, character and additional tags; at most 75 are allowed.',
    });
    expect(problemOf(`Title: T\n\nSummary:\n${'word '.repeat(260)}\n\nWork text:\nx\n`)).toEqual({
      line: 3,
      message: 'The summary is longer than 1,250 characters.',
    });
  });

  it('a title longer than 255 characters', () => {
    expect(problemOf(`Title: ${'a'.repeat(256)}\n\nWork text:\nx\n`)).toEqual({
      line: 1,
      message: 'The title is longer than 255 characters.',
    });
  });
});
