/**
 * Writes a work in the plain-text export format (docs/DOMAIN.md) — the header lines,
 * a blank line, `Summary:`, `Notes:` and `Work text:` with `Chapter N: Title`
 * lines for works of more than one chapter — turning stored HTML back into
 * paragraphs separated by blank lines. parsePlainTextWork reads it back.
 */
import type { WorkForExport } from './queries.ts';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

const BLOCK_END = /<\/(p|div|h[1-6]|blockquote|li|dd|dt|tr|table|ul|ol|dl|pre|center|caption)\s*>/gi;

/** Sanitized HTML to plain text: blocks become paragraphs separated by a blank line, <br> a line break. */
export function htmlToPlainText(html: string): string {
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
  const value = Array.isArray(values) ? values.join(', ') : values;
  return value ? [`${name}: ${value}`] : [];
}

/** The whole file, ending with a newline. */
export function formatPlainTextWork(work: WorkForExport): string {
  const posted = work.chapters.length;
  const isComplete = work.expectedChapters !== null && posted >= work.expectedChapters;
  const words = work.chapters.reduce((sum, chapter) => sum + chapter.wordCount, 0);
  const header = [
    `Title: ${work.title}`,
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
  const out = [...header, '', 'Summary:'];
  const summary = htmlToPlainText(work.summary);
  if (summary) out.push(summary);
  out.push('');
  const notes = htmlToPlainText(work.notes);
  if (notes) out.push('Notes:', notes, '');
  out.push('Work text:');
  // One untitled chapter needs no marker; any other work marks every chapter so titles survive.
  const marked = posted > 1 || work.chapters.some((c) => c.title);
  work.chapters.forEach((chapter, index) => {
    if (marked) out.push('', chapter.title ? `Chapter ${index + 1}: ${chapter.title}` : `Chapter ${index + 1}`);
    out.push('', htmlToPlainText(chapter.body));
  });
  return `${out.join('\n')}\n`;
}
