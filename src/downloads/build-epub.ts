/**
 * The EPUB 3 download, zipped with fflate: `mimetype` first and stored,
 * container.xml, the OPF package (Dublin Core metadata, series as
 * belongs-to-collection, tags as subjects), nav.xhtml and a toc.ncx for
 * EPUB 2 readers, and one XHTML page each for the preface, every chapter
 * and the afterword. Output is byte-identical for the same work version,
 * so cached files and ETags stay stable. Must pass epubcheck with 0 warnings.
 */
import crypto from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { allTags, creatorsText, type DownloadableWork } from './downloadable-work.ts';
import { EPUB_CSS, epubLanguage, epubPages, navDocument, type EpubPage } from './epub-pages.ts';
import { htmlToLine } from './html-text.ts';
import { escapeXml as esc } from './html-tokens.ts';

/** RFC 4122 name-based UUID (version 5, URL namespace): the same work address always gets the same identifier. */
export function workUuid(url: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const hash = crypto.createHash('sha1').update(namespace).update(url).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** dcterms:modified wants CCYY-MM-DDThh:mm:ssZ exactly. */
export function modifiedStamp(revisedAt: string): string {
  const date = new Date(revisedAt);
  return (Number.isNaN(date.getTime()) ? new Date(0) : date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;

function packageDocument(work: DownloadableWork, uuid: string, pages: EpubPage[]): string {
  const lang = epubLanguage(work);
  const metadata: string[] = [
    `<dc:identifier id="book-id">urn:uuid:${uuid}</dc:identifier>`,
    `<dc:title>${esc(work.title)}</dc:title>`,
    ...(work.creators.length ? work.creators : ['Anonymous']).flatMap((name, i) => [
      `<dc:creator id="creator-${i + 1}">${esc(name)}</dc:creator>`,
      `<meta refines="#creator-${i + 1}" property="role" scheme="marc:relators">aut</meta>`,
    ]),
    `<dc:language>${lang}</dc:language>`,
    `<dc:publisher>${esc(work.archiveName)}</dc:publisher>`,
    `<dc:source>${esc(work.url)}</dc:source>`,
    ...(work.publishedOn ? [`<dc:date>${esc(work.publishedOn)}</dc:date>`] : []),
    ...(work.summaryHtml.trim() ? [`<dc:description>${esc(htmlToLine(work.summaryHtml))}</dc:description>`] : []),
    ...[...new Set(allTags(work))].map((tag) => `<dc:subject>${esc(tag)}</dc:subject>`),
    `<meta property="dcterms:modified">${modifiedStamp(work.revisedAt)}</meta>`,
    ...work.series.flatMap((series, i) => [
      `<meta property="belongs-to-collection" id="series-${i + 1}">${esc(series.title)}</meta>`,
      `<meta refines="#series-${i + 1}" property="collection-type">series</meta>`,
      `<meta refines="#series-${i + 1}" property="group-position">${series.position}</meta>`,
    ]),
    // Calibre and KOReader read series from these older tags.
    ...work.series
      .slice(0, 1)
      .flatMap((series) => [
        `<meta name="calibre:series" content="${esc(series.title)}"/>`,
        `<meta name="calibre:series_index" content="${series.position}"/>`,
      ]),
  ];
  const manifest = [
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    '<item id="style" href="style.css" media-type="text/css"/>',
    ...pages.map((p) => `<item id="${p.id}" href="${p.href}" media-type="application/xhtml+xml"/>`),
  ];
  const spine = pages.map((p) => `<itemref idref="${p.id}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join('\n')}
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine toc="ncx">
${spine.join('\n')}
</spine>
</package>
`;
}

function ncxDocument(work: DownloadableWork, uuid: string, pages: EpubPage[]): string {
  const points = pages.map(
    (p, i) =>
      `<navPoint id="nav-${i + 1}" playOrder="${i + 1}"><navLabel><text>${esc(p.label)}</text></navLabel><content src="${p.href}"/></navPoint>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${epubLanguage(work)}">
<head>
<meta name="dtb:uid" content="urn:uuid:${uuid}"/>
<meta name="dtb:depth" content="1"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${esc(work.title)}</text></docTitle>
<docAuthor><text>${esc(creatorsText(work))}</text></docAuthor>
<navMap>
${points.join('\n')}
</navMap>
</ncx>
`;
}

export function buildEpub(work: DownloadableWork): Uint8Array {
  const uuid = workUuid(work.url);
  const pages = epubPages(work);
  const stamp = new Date(work.revisedAt);
  const mtime = Number.isNaN(stamp.getTime()) || stamp.getFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : stamp;
  const files: Zippable = {
    // Readers sniff the first bytes of the zip: mimetype must come first, uncompressed.
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER_XML),
    'OEBPS/content.opf': strToU8(packageDocument(work, uuid, pages)),
    'OEBPS/nav.xhtml': strToU8(navDocument(work, pages)),
    'OEBPS/toc.ncx': strToU8(ncxDocument(work, uuid, pages)),
    'OEBPS/style.css': strToU8(EPUB_CSS),
  };
  for (const page of pages) files[`OEBPS/${page.href}`] = strToU8(page.xhtml);
  return zipSync(files, { level: 6, mtime });
}
