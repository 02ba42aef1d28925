/**
 * Reads a work in the plain-text export format (docs/EXPORT-FORMAT.md): a
 * header of `Name: value` lines, then `Summary:`, `Notes:`, `End notes:` and
 * `Work text:` sections, the text split into chapters by `Chapter N[: title]`
 * lines; a text line escaped with a backslash is text, whatever it looks like. The result is
 * either a ParsedWork ready for importWork, or the first problem with the
 * line it is on — and nothing is written for a file that does not parse.
 */
import { plainTextToHtml } from '../html/body.ts';
import { LANGUAGES, LIMITS, type Rating } from '../domain-facts.ts';
import { splitTagList, tagNameProblem } from '../tags/names.ts';
import { singleLineProblem } from '../web/single-line.ts';
import { joinLines, ParseFailure, splitChapters, type Line, type ParsedChapter } from './chapter-text.ts';
import { decodeWorkFile, type FileProblem } from './decode-file.ts';
import { POSTED_ON_LINE, splitDownloadAfterword } from './download-afterword.ts';
import { readDownload } from './read-download.ts';
import { headerLimitProblem, seriesTitleOf } from './header-limits.ts';
import { foldSpaces, HEADER_LINE, SECTION_LINE } from './line-escapes.ts';
import {
  cleanValue,
  HEADER_LABELS,
  headerField,
  isProblem,
  readCategories,
  readChapterCount,
  readDate,
  readLanguage,
  readRating,
  readStatus,
  readWarnings,
  splitValues,
  type HeaderField,
  type KnownLanguage,
} from './header-values.ts';
import type { WorkTagNames } from '../works/work-input.ts';

export type { ParsedChapter };

export interface ParsedSeries {
  title: string;
  /** From AO3's "Part 2 of …"; the end of the series when absent. */
  position?: number;
}

export interface ParsedWork extends WorkTagNames {
  fileName: string;
  title: string;
  /** The original Work ID, kept as the work's source reference. */
  sourceRef: string | null;
  /** Creator names from `Author:`, in order. */
  authors: string[];
  rating: Rating;
  languageCode: string;
  series: ParsedSeries[];
  /** null: the expected total is unknown ("?"). */
  expectedChapters: number | null;
  publishedOn: string | null;
  /** Safe HTML, '' when absent. */
  summary: string;
  notes: string;
  endNotes: string;
  chapters: ParsedChapter[];
}

export type ParseResult = { ok: true; work: ParsedWork } | { ok: false; error: FileProblem };

type Section = 'summary' | 'notes' | 'endNotes' | 'text';

const SECTION_NAMES: Record<string, Section> = {
  summary: 'summary',
  notes: 'notes',
  'end notes': 'endNotes',
  'work text': 'text',
};

/** The post form's limits on the work's summary and notes. */
const SECTION_LIMITS = {
  summary: { max: LIMITS.summaryMax, what: 'The summary is' },
  notes: { max: LIMITS.notesMax, what: 'The notes are' },
  endNotes: { max: LIMITS.notesMax, what: 'The end notes are' },
} as const;

/** Splits the file into its header lines (by field) and its three sections. */
function splitFile(lines: string[]) {
  const headers = new Map<HeaderField, Line[]>();
  const sections: Record<Section, Line[]> = { summary: [], notes: [], endNotes: [], text: [] };
  const sectionStarts: Partial<Record<Section, number>> = {};
  let section: Section | null = null;
  lines.forEach((raw, index) => {
    const number = index + 1;
    const folded = foldSpaces(raw);
    const sectionMatch = section === 'text' ? null : SECTION_LINE.exec(folded.trim());
    if (sectionMatch) {
      section = SECTION_NAMES[cleanValue(sectionMatch[1]).toLowerCase()];
      sectionStarts[section] = number;
      if (sectionMatch[2].trim()) sections[section].push({ number, text: sectionMatch[2] });
      return;
    }
    if (section) {
      sections[section].push({ number, text: raw });
      return;
    }
    // Before the first section: header lines; anything else there (blank lines, stray text) is ignored.
    const header = HEADER_LINE.exec(folded.trim());
    const field = header ? headerField(header[1]) : undefined;
    // The value is cut from the line as written, so a non-breaking space in a title stays one.
    const text = header ? raw.trim().slice(raw.trim().length - header[2].length) : '';
    if (header && field) headers.set(field, [...(headers.get(field) ?? []), { number, text }]);
  });
  return { headers, sections, sectionStarts };
}

/** Reads a work file; `languages` are the archive's (the built-in list by default). */
export function parsePlainTextWork(
  contents: string | Uint8Array,
  fileName: string,
  languages: readonly KnownLanguage[] = LANGUAGES.map(([code, name]) => ({ code, name })),
): ParseResult {
  // An HTML or EPUB download is read as the plain-text format it holds.
  const download = readDownload(contents);
  if (download && !download.ok) return download;
  const decoded = decodeWorkFile(download ? download.text : contents);
  if (!decoded.ok) return decoded;
  const lines = decoded.text.split('\n');
  try {
    return { ok: true, work: readWork(lines, fileName, languages) };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: { line: error.line, message: error.message } };
    throw error;
  }
}

function readWork(lines: string[], fileName: string, languages: readonly KnownLanguage[]): ParsedWork {
  const { headers, sections, sectionStarts } = splitFile(lines);
  const first = (field: HeaderField) => headers.get(field)?.[0];
  /** Reads a header with `read`, failing on its line when the value is refused. */
  const read = <T>(field: HeaderField, reader: (value: string) => T | { problem: string }): T | undefined => {
    const line = first(field);
    if (!line) return undefined;
    const value = reader(line.text);
    if (isProblem(value)) throw new ParseFailure(line.number, value.problem);
    return value as T;
  };
  const all = (field: HeaderField) => (headers.get(field) ?? []).map((l) => l.text).join(', ');

  const titleLine = first('title');
  if (!titleLine) {
    throw new ParseFailure(
      1,
      'There is no "Title:" line, so this is not a work in the plain-text format (a header of "Name: value" lines, then Summary:, Notes: and Work text:).',
    );
  }
  // The same rule as the post form's: a line break or control character in a one-line value is refused.
  for (const [field, lines] of headers) {
    for (const line of lines) {
      const problem = singleLineProblem(line.text, `The "${HEADER_LABELS[field]}" line`);
      if (problem) throw new ParseFailure(line.number, problem);
    }
  }
  const title = titleLine.text.trim();
  if (!title) throw new ParseFailure(titleLine.number, 'The title is empty.');
  const tooLong = headerLimitProblem(headers);
  if (tooLong) throw new ParseFailure(tooLong.line, tooLong.message);

  const rating = read('rating', (v) => (cleanValue(v) ? readRating(v) : 'Not Rated')) ?? 'Not Rated';
  const warnings = read('warnings', readWarnings);
  const categories = read('categories', readCategories) ?? [];
  const languageCode =
    read('language', (v) => readLanguage(v, languages)) ??
    (languages.find((l) => l.code === 'en') ?? languages[0]).code;
  const status = read('status', readStatus);
  const count = read('chapters', readChapterCount);
  const publishedOn = read('published', readDate) ?? null;

  const tags = {
    fandoms: splitTagList(all('fandoms')),
    relationships: splitTagList(all('relationships')),
    characters: splitTagList(all('characters')),
    freeforms: splitTagList(all('freeforms')),
  };
  for (const field of ['fandoms', 'relationships', 'characters', 'freeforms'] as const) {
    for (const name of tags[field]) {
      const problem = tagNameProblem(name);
      if (problem) throw new ParseFailure(first(field)!.number, problem);
    }
  }
  const tagCount = Object.values(tags).reduce((sum, names) => sum + names.length, 0);
  if (tagCount > LIMITS.freeTextTagsMax) {
    throw new ParseFailure(
      (first('freeforms') ?? first('characters') ?? first('relationships') ?? first('fandoms'))!.number,
      `The work has ${tagCount} fandom, relationship, character and additional tags; at most ${LIMITS.freeTextTagsMax} are allowed.`,
    );
  }

  // A TXT download ends with the work's end notes and an invitation to comment, after the last chapter.
  const isDownload = POSTED_ON_LINE.test(lines.find((line) => line.trim())?.trim() ?? '');
  const afterword = isDownload ? splitDownloadAfterword(sections.text) : { text: sections.text, endNotes: null };
  sections.text = afterword.text;
  if (afterword.endNotes && !sections.endNotes.length) {
    sections.endNotes = afterword.endNotes;
    sectionStarts.endNotes = afterword.endNotes[0]?.number ?? sectionStarts.text;
  }
  const [summaryText, notesText, endNotesText] = (['summary', 'notes', 'endNotes'] as const).map((section) => {
    const text = joinLines(sections[section]);
    const { max, what } = SECTION_LIMITS[section];
    if (text.length > max) {
      throw new ParseFailure(sectionStarts[section]!, `${what} longer than ${max.toLocaleString('en')} characters.`);
    }
    return text;
  });

  const textStart = sectionStarts.text;
  if (!textStart) {
    const lastLine = lines.findLastIndex((line) => line.trim()) + 1;
    throw new ParseFailure(lastLine, 'The file ends before its "Work text:" section: it may have been cut short.');
  }
  if (!sections.text.some((l) => l.text.trim())) {
    throw new ParseFailure(textStart, 'The work text is empty: the file may have been cut short.');
  }
  const chapters = splitChapters(sections.text);
  if (count && count.posted !== chapters.length) {
    throw new ParseFailure(
      first('chapters')!.number,
      `The header says ${count.posted} chapter${count.posted === 1 ? '' : 's'} but the work text has ${chapters.length}: the file may have been cut short.`,
    );
  }
  let expectedChapters: number | null = chapters.length;
  if (count) expectedChapters = count.expected === null ? null : Math.max(count.expected, chapters.length);
  else if (status === 'in progress') expectedChapters = null;

  return {
    fileName,
    title,
    sourceRef: cleanValue(first('workId')?.text ?? '') || null,
    authors: [...new Set(splitValues(all('authors')))],
    rating,
    warnings: warnings?.length ? warnings : ['Creator Chose Not To Use Archive Warnings'],
    categories,
    ...tags,
    languageCode,
    series: splitValues(all('series')).map(seriesTitleOf),
    expectedChapters,
    publishedOn,
    summary: summaryText ? plainTextToHtml(summaryText) : '',
    notes: notesText ? plainTextToHtml(notesText) : '',
    endNotes: endNotesText ? plainTextToHtml(endNotesText) : '',
    chapters,
  };
}
