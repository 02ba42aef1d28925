/**
 * The XHTML content documents inside an EPUB: the preface page (Posted on…,
 * meta block, title, creators, summary, notes), one page per chapter, the
 * afterword (end notes and the invitation to comment) and the nav.xhtml
 * table of contents. Stored HTML goes through `htmlToXhtml` on its way in.
 */
import {
  chapterHeading,
  chapterLabel,
  commentInvitationText,
  creatorsText,
  metaEntries,
  postedOnText,
  statsEntries,
  type DownloadableWork,
} from './downloadable-work.ts';
import { escapeXml as esc } from './html-tokens.ts';
import { htmlToXhtml, XHTML_CLASSES_CSS } from './xhtml.ts';

export interface EpubPage {
  id: string;
  href: string;
  label: string;
  xhtml: string;
}

export const EPUB_CSS = `body { font-family: serif; line-height: 1.4; margin: 0 0.5em; }
h1, h2, h3 { font-family: sans-serif; line-height: 1.2; }
h1 { margin-top: 1em; }
.posted-on, .invitation { font-style: italic; }
.meta { border: 1px solid #999; padding: 0.3em 0.8em; font-size: 0.9em; }
.meta dt { font-weight: bold; }
.meta dd { margin: 0 0 0.3em 1em; }
.byline { font-size: 1.1em; }
.notes { border-left: 2px solid #999; padding-left: 0.8em; margin: 1em 0; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5em 25%; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
${XHTML_CLASSES_CSS}`;

/** The language tag written into documents; a malformed one would fail validation, so it falls back to `und`. */
export function epubLanguage(work: Pick<DownloadableWork, 'language'>): string {
  return /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(work.language.code) ? work.language.code : 'und';
}

export function xhtmlDocument(
  work: Pick<DownloadableWork, 'language'>,
  title: string,
  body: string,
  epubNamespace = false,
): string {
  const lang = epubLanguage(work);
  const ns = epubNamespace ? ' xmlns:epub="http://www.idpf.org/2007/ops"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"${ns} lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="UTF-8"/>
<title>${esc(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
${body}
</body>
</html>
`;
}

export function notesSection(className: string, heading: string, html: string, level: number): string {
  if (!html.trim()) return '';
  return `<div class="${className}">\n<h${level}>${esc(heading)}</h${level}>\n${htmlToXhtml(html)}\n</div>\n`;
}

/** `prefix` keeps file names apart when several works share one book (a series download). */
export function prefacePage(work: DownloadableWork, prefix = ''): EpubPage {
  const url = esc(work.url);
  const meta = metaEntries(work).map((e) => `<dt>${esc(e.label)}:</dt>\n<dd>${e.values.map(esc).join(', ')}</dd>`);
  const stats = statsEntries(work)
    .map((s) => `${esc(s.label)}: ${esc(s.value)}`)
    .join(' · ');
  meta.push(`<dt>Stats:</dt>\n<dd>${stats}</dd>`);
  const body = [
    `<p class="posted-on">${esc(postedOnText(work))} <a href="${url}">${url}</a></p>`,
    `<dl class="meta">\n${meta.join('\n')}\n</dl>`,
    `<h1>${esc(work.title)}</h1>`,
    `<p class="byline">by ${esc(creatorsText(work))}</p>`,
    notesSection('summary', 'Summary', work.summaryHtml, 2),
    notesSection('notes', 'Notes', work.notesHtml, 2),
  ].join('\n');
  return {
    id: `${prefix}preface`,
    href: `${prefix}preface.xhtml`,
    label: 'Preface',
    xhtml: xhtmlDocument(work, work.title, body),
  };
}

export function chapterPage(work: DownloadableWork, index: number, prefix = ''): EpubPage {
  const chapter = work.chapters[index];
  const heading = chapterHeading(work, index);
  const label = chapterLabel(work, index);
  const body = [
    '<div class="chapter">',
    heading ? `<h2>${esc(heading)}</h2>` : '',
    notesSection('chapter-summary', 'Chapter Summary', chapter.summaryHtml, 3),
    notesSection('notes', 'Chapter Notes', chapter.notesHtml, 3),
    `<div class="userstuff">\n${htmlToXhtml(chapter.bodyHtml)}\n</div>`,
    notesSection('notes', 'Chapter End Notes', chapter.endNotesHtml, 3),
    '</div>',
  ].join('\n');
  const number = String(index + 1).padStart(3, '0');
  return {
    id: `${prefix}chapter-${number}`,
    href: `${prefix}chapter-${number}.xhtml`,
    label,
    xhtml: xhtmlDocument(work, label, body),
  };
}

export function afterwordPage(work: DownloadableWork, prefix = ''): EpubPage {
  const url = esc(work.url);
  const body = [
    notesSection('notes end-notes', 'End Notes', work.endNotesHtml, 2),
    `<p class="invitation">${esc(commentInvitationText(work))} <a href="${url}">${url}</a></p>`,
  ].join('\n');
  return {
    id: `${prefix}afterword`,
    href: `${prefix}afterword.xhtml`,
    label: 'Afterword',
    xhtml: xhtmlDocument(work, 'Afterword', body),
  };
}

/** The reading order: preface, chapters, afterword. */
export function epubPages(work: DownloadableWork): EpubPage[] {
  return [prefacePage(work), ...work.chapters.map((_, i) => chapterPage(work, i)), afterwordPage(work)];
}

/** nav.xhtml: the EPUB 3 table of contents, plus landmarks for readers that jump to the text. */
export function navDocument(work: DownloadableWork, pages: EpubPage[]): string {
  const items = pages.map((p) => `<li><a href="${p.href}">${esc(p.label)}</a></li>`).join('\n');
  const firstChapter = pages[1] ?? pages[0];
  const body = `<nav epub:type="toc" id="toc">
<h1>Contents</h1>
<ol>
${items}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2>Landmarks</h2>
<ol>
<li><a epub:type="bodymatter" href="${firstChapter.href}">Start of the work</a></li>
</ol>
</nav>`;
  return xhtmlDocument(work, 'Contents', body, true);
}
