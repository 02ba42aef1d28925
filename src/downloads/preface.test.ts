import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildEpub } from './build-epub.ts';
import { buildHtml } from './build-html.ts';
import { buildTxt } from './build-txt.ts';
import { multiChapterSample, sampleWork } from './fixtures.ts';

/** Fails unless each marker first appears after the one before it. */
function expectInOrder(text: string, markers: string[]): void {
  const positions = markers.map((marker) => {
    const index = text.indexOf(marker);
    expect(index, `"${marker}" is missing`).toBeGreaterThanOrEqual(0);
    return index;
  });
  for (let i = 1; i < markers.length; i++) {
    expect(positions[i], `"${markers[i]}" should come after "${markers[i - 1]}"`).toBeGreaterThan(positions[i - 1]);
  }
}

/** The text a reader meets, in reading order: body of each spine page, markup removed. */
function epubText(epub: Uint8Array): string {
  const files = unzipSync(epub);
  const opf = strFromU8(files['OEBPS/content.opf']);
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => hrefs.get(m[1])!);
  return spine
    .map((href) =>
      strFromU8(files[`OEBPS/${href}`])
        .replace(/^[\s\S]*<body>/, '')
        .replace(/<[^>]+>/g, ''),
    )
    .join('\n');
}

/** The HTML file's text without its head and its chapter index (which names every chapter up front). */
const htmlBody = (html: string) =>
  html
    .replace(/^[\s\S]*<body>/, '')
    .replace(/<nav class="toc"[\s\S]*?<\/nav>/, '')
    .replace(/<[^>]+>/g, '');

const READING_ORDER = [
  'Posted on Quire at',
  'http://localhost:3000/works/43',
  'Rating:',
  'Archive Warning:',
  'Fandom:',
  'Relationship:',
  'Additional Tags:',
  'Language:',
  'Series:',
  'Words:',
  'Маяк &amp; the Φάρος: 灯塔',
  'by saltwater, Ветер (northwind)',
  'SUMMARY-MARK',
  'NOTES-MARK',
  'Chapter 1: Смотритель',
  'CHAPTER-ONE-MARK',
  'Chapter 2: Ο φάρος',
  'Chapter 3: 灯塔',
  '守灯人数着归来的小船',
  'END-NOTES-MARK',
  'Please drop by Quire and comment to let the creators know if you enjoyed their work:',
];

describe('preface and afterword order', () => {
  it('HTML: Posted on, meta block, title, creators, summary, notes, chapters, end notes, invitation', () => {
    expectInOrder(htmlBody(buildHtml(multiChapterSample())), READING_ORDER);
  });

  it('EPUB: the same order across the preface, chapter and afterword pages', () => {
    expectInOrder(epubText(buildEpub(multiChapterSample())), READING_ORDER);
  });

  it('TXT: Posted on first, then the export header, summary, notes, chapters, end notes, invitation', () => {
    const text = buildTxt(multiChapterSample());
    expect(text.startsWith('Posted on Quire at http://localhost:3000/works/43\n')).toBe(true);
    expectInOrder(text, [
      'Posted on Quire at http://localhost:3000/works/43',
      'Title: Маяк & the Φάρος: 灯塔',
      'Author: saltwater, Ветер (northwind)',
      'Rating: General Audiences',
      'Language: Русский',
      'Chapters: 3/?',
      'Summary:\nSUMMARY-MARK',
      'Notes:\nNOTES-MARK',
      'Work text:',
      'Chapter 1: Смотритель',
      'Chapter Notes:',
      'CHAPTER-ONE-MARK',
      'A drawing of the light: [Image: the lighthouse at dusk]',
      'Chapter 3: 灯塔',
      'END-NOTES-MARK',
      'Please drop by Quire and comment to let the creators know if you enjoyed their work: http://localhost:3000/works/43',
    ]);
  });

  it('a one-chapter work has no "Chapter 1" heading but keeps every part', () => {
    const html = htmlBody(buildHtml(sampleWork()));
    expect(html).not.toContain('Chapter 1');
    expectInOrder(html, [
      'Posted on Quire at',
      'Rating:',
      'The Lantern Keeper',
      'SUMMARY-MARK',
      'NOTES-MARK',
      'CHAPTER-ONE-MARK',
      'END-NOTES-MARK',
      'Please drop by Quire',
    ]);
    expect(html).toContain('let the creator know');
  });

  it('the HTML file loads nothing from anywhere: no scripts, no images, no stylesheets by address', () => {
    const html = buildHtml(multiChapterSample());
    expect(html).not.toMatch(/<(script|img|link rel="stylesheet"|iframe)\b/i);
    expect(html).toContain('<style>');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });

  it('writes the meta block in its fixed order, with Completed for a finished multi-chapter work', () => {
    const work = multiChapterSample();
    work.chaptersExpected = 3;
    work.completedOn = '2024-04-02';
    const text = htmlBody(buildHtml(work));
    expectInOrder(text, [
      'Rating:',
      'Archive Warning:',
      'Category:',
      'Fandom:',
      'Relationship:',
      'Character:',
      'Additional Tags:',
      'Language:',
      'Series:',
      'Published: 2024-03-01',
      'Completed: 2024-04-02',
      'Words:',
      'Chapters: 3/3',
      'Comments:',
      'Kudos:',
      'Bookmarks:',
      'Hits:',
    ]);
    expect(text).not.toContain('Updated:');
  });
});
