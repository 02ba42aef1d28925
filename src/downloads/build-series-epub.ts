/**
 * A whole series as one EPUB 3: a title page (the series' title, creators,
 * description, notes and its works), then each work as its own download
 * has it — preface, chapters, afterword — with file names kept apart by a
 * per-work prefix (`w001-`), and one table of contents nesting each work's
 * pages under its title (nav.xhtml, and toc.ncx for EPUB 2 readers). Who may
 * read which works and chapters is decided before; this only arranges what
 * it is given. Byte-identical for the same snapshot; must pass epubcheck.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { CONTAINER_XML, modifiedStamp, workUuid } from './build-epub.ts';
import { allTags, creatorsText, type DownloadableWork } from './downloadable-work.ts';
import {
  afterwordPage,
  chapterPage,
  EPUB_CSS,
  epubLanguage,
  notesSection,
  prefacePage,
  xhtmlDocument,
  type EpubPage,
} from './epub-pages.ts';
import { htmlToLine } from './html-text.ts';
import { escapeXml as esc } from './html-tokens.ts';

/** A series as a download shows it: only the works (and chapters) the downloader may read, in series order. */
export interface DownloadableSeries {
  id: number;
  /** Absolute address of the series page. */
  url: string;
  archiveName: string;
  title: string;
  creators: string[];
  summaryHtml: string;
  notesHtml: string;
  isComplete: boolean;
  /** At least one. */
  works: DownloadableWork[];
}

interface WorkPages {
  work: DownloadableWork;
  pages: EpubPage[];
}

const bookCreators = (series: DownloadableSeries) => (series.creators.length ? series.creators : ['Anonymous']);

/** The newest version of any work in it: the series file's dcterms:modified. */
function revisedAt(series: DownloadableSeries): string {
  return series.works.map((w) => w.revisedAt).reduce((a, b) => (a > b ? a : b));
}

function titlePage(series: DownloadableSeries, parts: WorkPages[]): EpubPage {
  const url = esc(series.url);
  const works = parts
    .map(
      ({ work, pages }) => `<li><a href="${pages[0].href}">${esc(work.title)}</a> by ${esc(creatorsText(work))}</li>`,
    )
    .join('\n');
  const body = [
    `<p class="posted-on">Posted on ${esc(series.archiveName)} at <a href="${url}">${url}</a></p>`,
    `<h1>${esc(series.title)}</h1>`,
    `<p class="byline">by ${esc(bookCreators(series).join(', '))}</p>`,
    notesSection('summary', 'Description', series.summaryHtml, 2),
    notesSection('notes', 'Notes', series.notesHtml, 2),
    `<p>${series.isComplete ? 'A complete series' : 'A series in progress'} of ${parts.length} ${parts.length === 1 ? 'work' : 'works'}:</p>`,
    `<ol>\n${works}\n</ol>`,
  ].join('\n');
  return {
    id: 'series-title',
    href: 'series-title.xhtml',
    label: series.title,
    xhtml: xhtmlDocument(series.works[0], series.title, body),
  };
}

function workPages(series: DownloadableSeries): WorkPages[] {
  return series.works.map((work, i) => {
    const prefix = `w${String(i + 1).padStart(3, '0')}-`;
    return {
      work,
      pages: [
        prefacePage(work, prefix),
        ...work.chapters.map((_, c) => chapterPage(work, c, prefix)),
        afterwordPage(work, prefix),
      ],
    };
  });
}

function navDocument(series: DownloadableSeries, title: EpubPage, parts: WorkPages[]): string {
  const works = parts.map(({ work, pages }) => {
    const [preface, ...rest] = pages;
    const inner = rest.map((p) => `<li><a href="${p.href}">${esc(p.label)}</a></li>`).join('\n');
    return `<li><a href="${preface.href}">${esc(work.title)}</a>\n<ol>\n${inner}\n</ol>\n</li>`;
  });
  const body = `<nav epub:type="toc" id="toc">
<h1>Contents</h1>
<ol>
<li><a href="${title.href}">${esc(title.label)}</a></li>
${works.join('\n')}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2>Landmarks</h2>
<ol>
<li><a epub:type="bodymatter" href="${parts[0].pages[0].href}">Start of the series</a></li>
</ol>
</nav>`;
  return xhtmlDocument(series.works[0], 'Contents', body, true);
}

function ncxDocument(series: DownloadableSeries, uuid: string, title: EpubPage, parts: WorkPages[]): string {
  let order = 0;
  const open = (label: string, href: string) =>
    `<navPoint id="nav-${++order}" playOrder="${order}"><navLabel><text>${esc(label)}</text></navLabel><content src="${href}"/>`;
  const points = [`${open(title.label, title.href)}</navPoint>`];
  for (const { work, pages } of parts) {
    // The work's own point is its preface; its chapters and afterword nest under it, in reading order.
    const [preface, ...rest] = pages;
    const head = open(work.title, preface.href);
    const children = rest.map((p) => `${open(p.label, p.href)}</navPoint>`);
    points.push([head, ...children, '</navPoint>'].join('\n'));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${epubLanguage(series.works[0])}">
<head>
<meta name="dtb:uid" content="urn:uuid:${uuid}"/>
<meta name="dtb:depth" content="2"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${esc(series.title)}</text></docTitle>
<docAuthor><text>${esc(bookCreators(series).join(', '))}</text></docAuthor>
<navMap>
${points.join('\n')}
</navMap>
</ncx>
`;
}

function packageDocument(series: DownloadableSeries, uuid: string, pages: EpubPage[]): string {
  const lang = epubLanguage(series.works[0]);
  const tags = [...new Set(series.works.flatMap(allTags))];
  const metadata = [
    `<dc:identifier id="book-id">urn:uuid:${uuid}</dc:identifier>`,
    `<dc:title>${esc(series.title)}</dc:title>`,
    ...bookCreators(series).flatMap((name, i) => [
      `<dc:creator id="creator-${i + 1}">${esc(name)}</dc:creator>`,
      `<meta refines="#creator-${i + 1}" property="role" scheme="marc:relators">aut</meta>`,
    ]),
    `<dc:language>${lang}</dc:language>`,
    `<dc:publisher>${esc(series.archiveName)}</dc:publisher>`,
    `<dc:source>${esc(series.url)}</dc:source>`,
    ...(series.summaryHtml.trim() ? [`<dc:description>${esc(htmlToLine(series.summaryHtml))}</dc:description>`] : []),
    ...tags.map((tag) => `<dc:subject>${esc(tag)}</dc:subject>`),
    `<meta property="dcterms:modified">${modifiedStamp(revisedAt(series))}</meta>`,
  ];
  const manifest = [
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    '<item id="style" href="style.css" media-type="text/css"/>',
    ...pages.map((p) => `<item id="${p.id}" href="${p.href}" media-type="application/xhtml+xml"/>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join('\n')}
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine toc="ncx">
${pages.map((p) => `<itemref idref="${p.id}"/>`).join('\n')}
</spine>
</package>
`;
}

export function buildSeriesEpub(series: DownloadableSeries): Uint8Array {
  if (!series.works.length) throw new Error('A series download needs at least one work.');
  const uuid = workUuid(series.url);
  const parts = workPages(series);
  const title = titlePage(series, parts);
  const pages = [title, ...parts.flatMap((p) => p.pages)];
  const stamp = new Date(revisedAt(series));
  const mtime = Number.isNaN(stamp.getTime()) || stamp.getFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : stamp;
  const files: Zippable = {
    // Readers sniff the first bytes of the zip: mimetype must come first, uncompressed.
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER_XML),
    'OEBPS/content.opf': strToU8(packageDocument(series, uuid, pages)),
    'OEBPS/nav.xhtml': strToU8(navDocument(series, title, parts)),
    'OEBPS/toc.ncx': strToU8(ncxDocument(series, uuid, title, parts)),
    'OEBPS/style.css': strToU8(EPUB_CSS),
  };
  for (const page of pages) files[`OEBPS/${page.href}`] = strToU8(page.xhtml);
  return zipSync(files, { level: 6, mtime });
}
