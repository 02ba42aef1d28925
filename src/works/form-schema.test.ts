import { describe, expect, it } from 'vitest';
import { checkChapterForm, checkWorkForm, expectedChaptersOf, readChapterForm, readWorkForm } from './form-schema.ts';
import { parsePseudList, pseudReference, resolvePseud } from './pseud-names.ts';
import { workIdOnThisArchive } from './resolve-work-form.ts';

const valid = {
  title: 'Lanterns',
  rating: 'General Audiences',
  warnings: 'No Archive Warnings Apply',
  fandoms: 'Original Work',
  language: 'en',
  pseuds: '1',
  expected_chapters: '1',
  comment_permission: 'registered',
  related_relation: 'inspired_by',
  body: 'A lantern.',
};

describe('reading the post form', () => {
  it('never fails: missing fields are blank, one checkbox is a list, a ticked box is true', () => {
    const values = readWorkForm({ warnings: 'Major Character Death', restricted: '1' });
    expect(values.title).toBe('');
    expect(values.warnings).toEqual(['Major Character Death']);
    expect(values.categories).toEqual([]);
    expect(values.restricted).toBe(true);
    expect(values.moderated_comments).toBe(false);
    expect(readChapterForm({ body: ['first', 'second'] }).body).toBe('first');
  });
});

describe('the post form rules', () => {
  const errorsFor = (overrides: Record<string, string | string[]>) =>
    checkWorkForm(readWorkForm({ ...valid, ...overrides }), { withChapter: true });

  it('accepts a complete form', () => {
    expect(errorsFor({})).toEqual({});
  });

  it('applies the limits of each field', () => {
    expect(errorsFor({ title: '   ' }).title).toBe('Give the work a title.');
    expect(errorsFor({ title: 'x'.repeat(255) }).title).toBeUndefined();
    expect(errorsFor({ summary: 'x'.repeat(1251) }).summary).toBe('The summary must be at most 1,250 characters.');
    expect(errorsFor({ notes: 'x'.repeat(5001) }).notes).toBe('The notes must be at most 5,000 characters.');
    expect(errorsFor({ end_notes: 'x'.repeat(5001) }).end_notes).toMatch(/end notes must be at most 5,000/);
    expect(errorsFor({ body: 'x'.repeat(500_001) }).body).toMatch(/longer than 500,000 characters/);
    expect(errorsFor({ rating: 'Spicy' }).rating).toBe('Choose a rating.');
    expect(errorsFor({ warnings: ['Mild Peril'] }).warnings).toMatch(/from the list/);
    expect(errorsFor({ categories: ['Everyone'] }).categories).toMatch(/from the list/);
  });

  it('checks each tag name and the total of free-text tags', () => {
    expect(errorsFor({ characters: 'Ada, Bo{b}' }).characters).toMatch(/"Bo\{b\}" contains "\{"/);
    const seventyFive = Array.from({ length: 74 }, (_, i) => `Shell ${i}`).join(', ');
    expect(errorsFor({ freeforms: seventyFive }).freeforms).toBeUndefined();
    expect(errorsFor({ freeforms: `${seventyFive}, Shell 74` }).freeforms).toMatch(/this one has 76/);
    // The same tag typed twice counts once.
    expect(errorsFor({ freeforms: `${seventyFive}, shell 0` }).freeforms).toBeUndefined();
  });

  it('takes a whole number of expected chapters, or "?"', () => {
    expect(errorsFor({ expected_chapters: '?' }).expected_chapters).toBeUndefined();
    for (const bad of ['0', '-1', '2.5', '', 'ten'])
      expect(errorsFor({ expected_chapters: bad }).expected_chapters).toBeDefined();
    expect(expectedChaptersOf(' ? ')).toBeNull();
    expect(expectedChaptersOf('12')).toBe(12);
  });

  it('takes a real, past publication date and a web address for the related work', () => {
    expect(errorsFor({ published_on: '2019-02-28' }).published_on).toBeUndefined();
    expect(errorsFor({ published_on: '2019-02-29' }).published_on).toMatch(/real date/);
    expect(errorsFor({ published_on: '28/02/2019' }).published_on).toMatch(/real date/);
    expect(errorsFor({ related_url: 'ftp://example.org/x' }).related_url).toMatch(/http/);
    expect(errorsFor({ related_url: 'https://example.org/x' }).related_url).toBeUndefined();
  });

  it('asks for an existing series or a new one, not both', () => {
    expect(errorsFor({ series_id: '3', series_title: 'New Tides' }).series_title).toMatch(/not both/);
  });

  it('leaves the chapter out when editing a work', () => {
    expect(checkWorkForm(readWorkForm({ ...valid, body: '' }), { withChapter: false })).toEqual({});
    expect(checkChapterForm(readChapterForm({ body: '' })).body).toMatch(/cannot be empty/);
    expect(checkChapterForm(readChapterForm({ body: 'Text', summary: 'x'.repeat(1251) })).summary).toMatch(/1,250/);
  });
});

describe('pseud names in text fields', () => {
  const candidates = [
    { id: 1, name: 'Wren', userId: 10, username: 'wren', isDefault: true },
    { id: 2, name: 'Wren', userId: 11, username: 'marsh', isDefault: false },
    { id: 3, name: 'Heron', userId: 11, username: 'marsh', isDefault: false },
  ];

  it('reads "Pseud (username)" and plain names, dropping blanks and repeats', () => {
    expect(parsePseudList(' Wren (marsh), Heron,, heron ')).toEqual([
      { typed: 'Wren (marsh)', name: 'Wren', username: 'marsh' },
      { typed: 'Heron', name: 'Heron' },
    ]);
  });

  it('resolves a shared name to the user of that name, or asks for the username', () => {
    expect(resolvePseud({ typed: 'wren', name: 'wren' }, candidates)).toMatchObject({
      kind: 'found',
      pseud: { id: 1 },
    });
    expect(resolvePseud({ typed: 'Wren (marsh)', name: 'Wren', username: 'marsh' }, candidates)).toMatchObject({
      pseud: { id: 2 },
    });
    expect(resolvePseud({ typed: 'Gull', name: 'Gull' }, candidates)).toEqual({ kind: 'unknown' });
    const shared = candidates.map((c) => ({ ...c, username: `user${c.id}` }));
    expect(resolvePseud({ typed: 'Wren', name: 'Wren' }, shared)).toEqual({ kind: 'ambiguous' });
    expect(pseudReference('Wren', 'wren')).toBe('Wren');
    expect(pseudReference('Wren', 'marsh')).toBe('Wren (marsh)');
  });
});

describe('links to works on this archive', () => {
  const origins = ['http://localhost:3000', 'https://archive.example'];
  it('finds the work id in this archive’s /works/N and chapter links only', () => {
    expect(workIdOnThisArchive('https://archive.example/works/12', origins)).toBe(12);
    expect(workIdOnThisArchive('http://localhost:3000/works/7/chapters/3', origins)).toBe(7);
    expect(workIdOnThisArchive('https://elsewhere.example/works/12', origins)).toBeUndefined();
    expect(workIdOnThisArchive('https://archive.example/works/12abc', origins)).toBeUndefined();
  });
});
