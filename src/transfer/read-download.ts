/**
 * Reads Quire's HTML and EPUB downloads (build-html.ts, epub-pages.ts) as
 * works to import: the preface's meta block, title, byline, summary and
 * notes, each chapter's heading and text, and the afterword's end notes
 * become the plain-text export format, which parsePlainTextWork then reads
 * and checks like any other file. The "Posted on" line, the stats, the
 * table of contents and the invitation to comment are left out. An EPUB is
 * unzipped (fflate) and its spine's pages read in order as one document.
 * Chapter summaries and notes have no place in the plain-text format and are
 * not imported.
 */
import { strFromU8, unzipSync } from 'fflate';
import { decodeEntities, textLines } from './format-plain-text.ts';
import type { FileProblem } from './decode-file.ts';

export type DownloadReading = { ok: true; text: string } | { ok: false; error: FileProblem } | null;

const NOT_A_DOWNLOAD =
  'This HTML file is not a work download from Quire (there is no meta block, title and chapter in it).';

/** The inner HTML of each element of `tag` whose opening tag passes `wanted`, nesting counted. */
function elements(html: string, tag: string, wanted: (openTag: string) => boolean): string[] {
  const found: string[] = [];
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  let match: RegExpExecArray | null;
  while ((match = tags.exec(html))) {
    if (match[1] || !wanted(match[0])) continue;
    const start = match.index + match[0].length;
    let depth = 1;
    const inner = new RegExp(tags.source, 'gi');
    inner.lastIndex = start;
    let close: RegExpExecArray | null;
    while (depth && (close = inner.exec(html))) {
      depth += close[1] ? -1 : 1;
      if (!depth) {
        found.push(html.slice(start, close.index));
        tags.lastIndex = inner.lastIndex;
      }
    }
    if (depth) break;
  }
  return found;
}

const hasClass = (name: string) => (openTag: string) =>
  (/\bclass="([^"]*)"/.exec(openTag)?.[1] ?? '').split(/\s+/).includes(name);

const textOf = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** A notes block's text: what follows its heading, as the plain-text format writes it. */
function notesText(block: string | undefined): string {
  if (!block) return '';
  return textLines(block.replace(/^\s*<h[1-6][^>]*>[\s\S]*?<\/h[1-6]>/i, ''));
}

/** The one block with this class whose heading reads `heading` (EPUB chapters' notes share a class). */
function notesBlock(html: string, className: string, heading: string): string | undefined {
  return [...elements(html, 'section', hasClass(className)), ...elements(html, 'div', hasClass(className))].find(
    (block) => textOf(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(block)?.[1] ?? '') === heading,
  );
}

/** Quire's download meta block as header lines; the Stats entry gives Published and Chapters. */
function headerLines(meta: string): string[] {
  const lines: string[] = [];
  for (const [, label, value] of meta.matchAll(/<dt>([\s\S]*?):<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)) {
    const name = textOf(label);
    const text = textOf(value);
    if (name !== 'Stats') {
      lines.push(`${name}: ${text}`);
      continue;
    }
    for (const [, statName, statValue] of text.matchAll(/(Published|Chapters): ([^\s·]+)/g)) {
      lines.push(`${statName}: ${statValue}`);
    }
  }
  return lines;
}

/** The work in an HTML download, in the plain-text format; null when the HTML is not one. */
export function htmlDownloadAsPlainText(html: string): string | null {
  const meta = elements(html, 'dl', hasClass('meta'))[0];
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const chapters = [...elements(html, 'section', hasClass('chapter')), ...elements(html, 'div', hasClass('chapter'))];
  if (!meta || title === undefined || !chapters.length) return null;
  const byline = /<p class="byline">\s*by\s+([\s\S]*?)<\/p>/i.exec(html)?.[1];
  const summary = notesBlock(html, 'summary', 'Summary');
  const notes = notesBlock(html, 'notes', 'Notes');
  const endNotes = notesBlock(html, 'end-notes', 'End Notes');
  const out = [`Title: ${textOf(title)}`, ...(byline ? [`Author: ${textOf(byline)}`] : []), ...headerLines(meta), ''];
  out.push('Summary:', notesText(summary), '');
  if (notes) out.push('Notes:', notesText(notes), '');
  if (endNotes) out.push('End notes:', notesText(endNotes), '');
  out.push('Work text:');
  chapters.forEach((chapter, index) => {
    const heading = textOf(/^\s*<h2[^>]*>([\s\S]*?)<\/h2>/i.exec(chapter)?.[1] ?? '');
    // Multi-chapter headings read "Chapter 2: The Quay"; a one-chapter work's is its title alone.
    const title = chapters.length > 1 ? heading.replace(/^Chapter \d+(?::\s*)?/, '') : heading;
    const body = elements(chapter, 'div', hasClass('userstuff'))[0] ?? '';
    if (chapters.length > 1 || title) out.push('', title ? `Chapter ${index + 1}: ${title}` : `Chapter ${index + 1}`);
    out.push('', textLines(body));
  });
  return `${out.join('\n')}\n`;
}

/** An EPUB's pages in reading order (its spine), as one HTML document. */
function epubAsHtml(bytes: Uint8Array): string | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return null;
  }
  const container = files['META-INF/container.xml'];
  const opfPath = container && /full-path="([^"]+)"/.exec(strFromU8(container))?.[1];
  const opfFile = opfPath ? files[opfPath] : undefined;
  if (!opfPath || !opfFile) return null;
  const opf = strFromU8(opfFile);
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const hrefs = new Map(
    [...opf.matchAll(/<item\b[^>]*>/g)].map((item) => [
      /\bid="([^"]+)"/.exec(item[0])?.[1],
      /\bhref="([^"]+)"/.exec(item[0])?.[1],
    ]),
  );
  const pages = [...opf.matchAll(/<itemref\b[^>]*idref="([^"]+)"/g)].map((ref) => {
    const page = files[`${base}${decodeURIComponent(hrefs.get(ref[1]) ?? '')}`];
    return page ? (/<body[^>]*>([\s\S]*)<\/body>/i.exec(strFromU8(page))?.[1] ?? '') : '';
  });
  return pages.join('\n');
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * The work in a download file as plain-text format, or null when the file
 * is not an HTML or EPUB download (it is then read as plain text).
 */
export function readDownload(contents: string | Uint8Array): DownloadReading {
  if (typeof contents !== 'string' && startsWith(contents, [0x50, 0x4b, 0x03, 0x04])) {
    const html = epubAsHtml(contents);
    const text = html === null ? null : htmlDownloadAsPlainText(html);
    if (text === null) {
      return { ok: false, error: { line: 1, message: 'This ZIP file is not an EPUB download of a work from Quire.' } };
    }
    return { ok: true, text };
  }
  const head = (
    typeof contents === 'string' ? contents.slice(0, 512) : new TextDecoder().decode(contents.subarray(0, 512))
  )
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (!head.startsWith('<!doctype html') && !head.startsWith('<html')) return null;
  const html = typeof contents === 'string' ? contents : new TextDecoder().decode(contents);
  const text = htmlDownloadAsPlainText(html);
  return text === null ? { ok: false, error: { line: 1, message: NOT_A_DOWNLOAD } } : { ok: true, text };
}
