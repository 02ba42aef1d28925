/**
 * What keeps a summary, notes or chapter text from being read as the
 * file's structure. The parser takes a line for a header (`Rating: …`), a
 * section (`Notes:`, `Work text:`) or a chapter marker (`Chapter 2: …`) by
 * its look alone, so the writer puts a backslash before every text line that
 * has that look (or already starts with a backslash), and the reader takes
 * one backslash off such a line and reads the rest as text. A line like
 * `\o/` in a hand-written file has no such look and stays as it is.
 */
import { cleanValue, headerField } from './header-values.ts';

export const SECTION_LINE = /^(summary|notes|end notes|work text)\s*:\s*([^]*)$/i;
export const HEADER_LINE = /^([\p{L}][\p{L} ]*?)\s*:\s*([^]*)$/u;
export const CHAPTER_LINE = /^chapter\s+(\d+)\s*(?:[:.\-–—]\s*([^]*))?$/i;

/** A line with its non-breaking spaces folded, as the parser compares it. */
export function foldSpaces(line: string): string {
  return line.replace(/[\u00a0\u202f]/g, ' ');
}

/** True when the parser would read this line as a header, a section or a chapter marker, not as text. */
export function looksLikeStructure(line: string): boolean {
  const folded = foldSpaces(line).trim();
  if (SECTION_LINE.test(folded) || CHAPTER_LINE.test(cleanValue(line))) return true;
  const header = HEADER_LINE.exec(folded);
  return header !== null && headerField(header[1]) !== undefined;
}

function needsEscape(line: string): boolean {
  return line.trimStart().startsWith('\\') || looksLikeStructure(line);
}

/** One line of text as written to the file. */
export function escapeTextLine(line: string): string {
  return needsEscape(line) ? `\\${line}` : line;
}

/** One line of a section as read back: an escaped line loses its backslash. */
export function unescapeTextLine(line: string): string {
  return line.startsWith('\\') && needsEscape(line.slice(1)) ? line.slice(1) : line;
}
