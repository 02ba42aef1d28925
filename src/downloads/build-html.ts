/**
 * The HTML download: one self-contained file (styles inline, no scripts,
 * no requests anywhere: images become links to their address) that opens
 * in any browser offline. Also the input
 * Calibre converts when the bench compares our EPUB with AO3's way.
 */
import {
  chapterHeading,
  commentInvitationText,
  creatorsText,
  metaEntries,
  postedOnText,
  statsEntries,
  type DownloadableWork,
} from './downloadable-work.ts';
import { escapeXml as esc } from './html-tokens.ts';
import { htmlToXhtml, XHTML_CLASSES_CSS } from './xhtml.ts';

const STYLE = `
body { font-family: Georgia, "DejaVu Serif", serif; line-height: 1.5; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #1b1b1b; background: #fff; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; line-height: 1.2; }
.meta { border: 1px solid #ccc; padding: 0.5em 1em; font-size: 0.9em; }
.meta dt { font-weight: bold; float: left; clear: left; margin-right: 0.5em; }
.meta dd { margin: 0 0 0.3em 0; }
.posted-on, .invitation { font-style: italic; }
.byline { font-size: 1.1em; }
.chapter { margin-top: 3em; }
.notes { border-left: 3px solid #ccc; padding-left: 1em; }
hr { border: 0; border-top: 1px solid #999; margin: 2em 25%; }
@media (prefers-color-scheme: dark) { body { color: #e6e6e6; background: #151515; } a { color: #9cf; } }
@media print { .chapter { page-break-before: always; } }
`;

function section(className: string, heading: string, html: string, level = 2): string {
  if (!html.trim()) return '';
  return `<section class="${className}"><h${level}>${esc(heading)}</h${level}><div class="userstuff">${htmlToXhtml(html)}</div></section>\n`;
}

function metaBlock(work: DownloadableWork): string {
  const rows = metaEntries(work).map((e) => `<dt>${esc(e.label)}:</dt><dd>${e.values.map(esc).join(', ')}</dd>`);
  const stats = statsEntries(work)
    .map((s) => `${esc(s.label)}: ${esc(s.value)}`)
    .join(' · ');
  rows.push(`<dt>Stats:</dt><dd>${stats}</dd>`);
  return `<dl class="meta">\n${rows.join('\n')}\n</dl>\n`;
}

/** The preface as HTML (shared with the EPUB preface page's order, but as HTML5). */
function preface(work: DownloadableWork): string {
  const url = esc(work.url);
  return [
    `<p class="posted-on">${esc(postedOnText(work))} <a href="${url}">${url}</a></p>\n`,
    metaBlock(work),
    `<h1>${esc(work.title)}</h1>\n`,
    `<p class="byline">by ${esc(creatorsText(work))}</p>\n`,
    section('summary', 'Summary', work.summaryHtml),
    section('notes', 'Notes', work.notesHtml),
  ].join('');
}

function chapter(work: DownloadableWork, index: number): string {
  const c = work.chapters[index];
  const heading = chapterHeading(work, index);
  return [
    `<section class="chapter" id="chapter-${index + 1}">\n`,
    heading ? `<h2>${esc(heading)}</h2>\n` : '',
    section('chapter-summary', 'Chapter Summary', c.summaryHtml, 3),
    section('notes chapter-notes', 'Chapter Notes', c.notesHtml, 3),
    `<div class="userstuff">\n${htmlToXhtml(c.bodyHtml)}\n</div>\n`,
    section('notes chapter-end-notes', 'Chapter End Notes', c.endNotesHtml, 3),
    '</section>\n',
  ].join('');
}

function afterword(work: DownloadableWork): string {
  const url = esc(work.url);
  return [
    '<footer class="afterword">\n',
    section('notes end-notes', 'End Notes', work.endNotesHtml),
    `<p class="invitation">${esc(commentInvitationText(work))} <a href="${url}">${url}</a></p>\n`,
    '</footer>\n',
  ].join('');
}

function tableOfContents(work: DownloadableWork): string {
  if (work.chapters.length < 2) return '';
  const items = work.chapters.map((_, i) => `<li><a href="#chapter-${i + 1}">${esc(chapterHeading(work, i))}</a></li>`);
  return `<nav class="toc" aria-label="Chapters"><h2>Chapters</h2><ol>\n${items.join('\n')}\n</ol></nav>\n`;
}

export function buildHtml(work: DownloadableWork): string {
  const lang = esc(work.language.code);
  return [
    '<!DOCTYPE html>\n',
    `<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    // Keeps the saved file from loading anything, even if opened from a server.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`,
    `<title>${esc(work.title)}</title>\n`,
    `<meta name="author" content="${esc(creatorsText(work))}">\n`,
    `<link rel="canonical" href="${esc(work.url)}">\n`,
    `<style>${STYLE}${XHTML_CLASSES_CSS}</style>\n</head>\n<body>\n`,
    '<header class="preface">\n',
    preface(work),
    '</header>\n',
    tableOfContents(work),
    '<main>\n',
    ...work.chapters.map((_, i) => chapter(work, i)),
    '</main>\n',
    afterword(work),
    '</body>\n</html>\n',
  ].join('');
}
