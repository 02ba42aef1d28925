/**
 * Writes a work in the plain-text export format (docs/EXPORT-FORMAT.md) —
 * the header lines, a blank line, `Summary:`, `Notes:`, `End notes:` and
 * `Work text:` with `Chapter N: Title` lines for works of more than one
 * chapter — turning stored HTML back into paragraphs separated by blank
 * lines. One-line values are written on one line whatever older data holds,
 * and text lines that look like structure are escaped (line-escapes.ts), so
 * parsePlainTextWork reads back exactly what was written.
 */
import { plainTextToHtml } from '../html/body.ts';
import { asOneLine } from '../web/single-line.ts';
import { escapeTextLine } from './line-escapes.ts';
import type { WorkForExport } from './queries.ts';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

const BLOCK_END = /<\/(p|div|h[1-6]|blockquote|li|dd|dt|tr|table|ul|ol|dl|pre|center|caption)\s*>/gi;

/**
 * The text plainTextToHtml made this HTML from, when it did (the form's and
 * the importer's plain-text path): taken back exactly, spaces and all, where
 * the general conversion below would fold them.
 */
function exactPlainText(html: string): string | undefined {
  const paragraphs = html.split('\n').map((line) => /^<p>([^]*)<\/p>$/.exec(line)?.[1]);
  if (paragraphs.some((p) => p === undefined)) return undefined;
  const text = paragraphs.map((p) => decodeEntities(p!.split('<br />').join('\n'))).join('\n\n');
  return plainTextToHtml(text) === html ? text : undefined;
}

/** Sanitized HTML to plain text: blocks become paragraphs separated by a blank line, <br> a line break. */
export function htmlToPlainText(html: string): string {
  if (!html) return '';
  const exact = exactPlainText(html);
  if (exact !== undefined) return exact;
  return decodeEntities(
    html
      // Whitespace in HTML source (between tags, wrapped lines) is not a break a reader sees.
      .replace(/\s+/g, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<hr\s*\/?>/gi, '\n\n* * *\n\n')
      .replace(BLOCK_END, '\n\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<\/t[dh]\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function headerLine(name: string, values: readonly string[] | string | null | undefined): string[] {
  const value: string | null | undefined = Array.isArray(values) ? values.join(', ') : (values as string);
  return value ? [`${name}: ${asOneLine(value)}`] : [];
}

/** A multi-line field's lines, each escaped when it would read as a header or marker. NUL cannot be in a text file. */
export function textLines(html: string): string {
  return htmlToPlainText(html).replace(/\0/g, '\ufffd').split('\n').map(escapeTextLine).join('\n');
}

/** `Name:` and the text under it, or nothing for an empty field. */
function section(name: string, html: string, always = false): string[] {
  const text = textLines(html);
  if (!text && !always) return [];
  return text ? [`${name}:`, text, ''] : [`${name}:`, ''];
}

/** The whole file, ending with a newline. */
export function formatPlainTextWork(work: WorkForExport): string {
  const posted = work.chapters.length;
  const isComplete = work.expectedChapters !== null && posted >= work.expectedChapters;
  const words = work.chapters.reduce((sum, chapter) => sum + chapter.wordCount, 0);
  const header = [
    `Title: ${asOneLine(work.title)}`,
    `Work ID: ${work.id}`,
    ...headerLine('Author', work.creators),
    `Rating: ${work.rating}`,
    ...headerLine('Archive Warning', work.warnings),
    ...headerLine('Category', work.categories),
    ...headerLine('Fandom', work.fandoms),
    ...headerLine('Relationship', work.relationships),
    ...headerLine('Character', work.characters),
    ...headerLine('Additional Tags', work.freeforms),
    `Language: ${work.languageName}`,
    ...headerLine(
      'Series',
      work.series.map((s) => s.title),
    ),
    `Status: ${isComplete ? 'Completed' : 'In Progress'}`,
    `Chapters: ${posted}/${work.expectedChapters ?? '?'}`,
    ...headerLine('Published', work.publishedOn),
    ...headerLine('Updated', work.updatedOn),
    `Words: ${words}`,
  ];
  const out = [
    ...header,
    '',
    ...section('Summary', work.summary, true),
    ...section('Notes', work.notes),
    ...section('End notes', work.endNotes ?? ''),
    'Work text:',
  ];
  // One untitled chapter needs no marker; any other work marks every chapter so titles survive.
  const marked = posted > 1 || work.chapters.some((c) => c.title);
  work.chapters.forEach((chapter, index) => {
    const title = asOneLine(chapter.title);
    if (marked) out.push('', title ? `Chapter ${index + 1}: ${title}` : `Chapter ${index + 1}`);
    out.push('', textLines(chapter.body));
  });
  return `${out.join('\n')}\n`;
}
