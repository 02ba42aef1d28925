/**
 * The `Work text:` section of the plain-text format, read into chapters:
 * split at `Chapter N[: title]` lines only when the text starts with
 * `Chapter 1` and the markers count up, each chapter held to the post form's
 * limits (a 255-character title, 500,000 characters of text — a one-chapter
 * work's whole text too), and its paragraphs made into safe HTML. Also the
 * failure every part of the parser throws, with the line it is about.
 */
import { plainTextToHtml } from '../html/body.ts';
import { LIMITS } from '../domain-facts.ts';
import { cleanValue } from './header-values.ts';
import { CHAPTER_LINE, foldSpaces, unescapeTextLine } from './line-escapes.ts';

export interface ParsedChapter {
  title: string;
  /** Safe HTML: the chapter's paragraphs. */
  body: string;
  /** Safe HTML, from a download's labelled "Chapter Summary:", "Chapter Notes:" and "Chapter End Notes:". */
  summary?: string;
  notes?: string;
  endNotes?: string;
}

export interface Line {
  number: number;
  text: string;
}

export class ParseFailure extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The lines' text, escapes undone, without the blank lines around it. */
export function joinLines(lines: Line[]): string {
  return lines
    .map((l) => unescapeTextLine(l.text))
    .join('\n')
    .replace(/^(\s*\n)+/, '')
    .trimEnd();
}

/** The post form's rule: the chapter text as typed is at most 500,000 characters. */
function checkChapterText(text: string, line: number, what: string): void {
  if (text.length > LIMITS.chapterBodyMax) {
    throw new ParseFailure(
      line,
      `${what} is longer than ${LIMITS.chapterBodyMax.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')}); split it into chapters.`,
    );
  }
}

export function splitChapters(lines: Line[]): ParsedChapter[] {
  const first = lines.find((l) => l.text.trim());
  const firstMarker = first ? CHAPTER_LINE.exec(cleanValue(first.text)) : null;
  // A work of one chapter has no marker; then a "Chapter 2" line is just text.
  if (!first || !firstMarker || firstMarker[1] !== '1') {
    const text = joinLines(lines);
    // The one-chapter body was never measured, so a 20 MB single chapter was stored whole.
    checkChapterText(text, first?.number ?? 1, 'The work text');
    return [{ title: '', body: plainTextToHtml(text) }];
  }
  const parts: Array<{ marker: Line; title: string; lines: Line[] }> = [];
  for (const line of lines.slice(lines.indexOf(first))) {
    const marker = CHAPTER_LINE.exec(cleanValue(line.text));
    // Markers count up from 1, so a line reading "Chapter 7" inside chapter 2 stays text.
    if (marker && Number(marker[1]) === parts.length + 1) {
      // The title as written (trimmed), not space-folded, so it reads back as the archive stored it.
      const title = CHAPTER_LINE.exec(foldSpaces(line.text).trim())?.[2] ?? '';
      parts.push({ marker: line, title: line.text.trim().slice(line.text.trim().length - title.length), lines: [] });
    } else {
      parts.at(-1)!.lines.push(line);
    }
  }
  return parts.map((part, index) => {
    if (!part.lines.some((l) => l.text.trim())) {
      throw new ParseFailure(part.marker.number, `Chapter ${index + 1} has no text.`);
    }
    if (part.title.length > LIMITS.titleMax) {
      throw new ParseFailure(
        part.marker.number,
        `The title of chapter ${index + 1} is longer than ${LIMITS.titleMax} characters.`,
      );
    }
    const text = joinLines(part.lines);
    checkChapterText(text, part.marker.number, `Chapter ${index + 1}`);
    return { title: part.title, body: plainTextToHtml(text) };
  });
}
