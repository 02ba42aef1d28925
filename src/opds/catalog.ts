/**
 * OPDS 1.2 documents: navigation feeds (lists of links to other feeds) and
 * acquisition feeds (works, each with links to download it in every format
 * this server offers), the links every catalog page carries (self, start,
 * search, paging), and the OpenSearch description e-reader apps use to
 * search. Entries are cover-free and carry the work's summary as content.
 */
import { availableFormats, MIME_TYPES } from '../downloads/formats.ts';
import { downloadPath } from '../downloads/file-names.ts';
import { renderAtom, type AtomEntry, type AtomLink } from '../feeds/atom.ts';
import { absolute, workEntryBase, workSummaryHtml } from '../feeds/work-entry.ts';
import { el, renderXml } from '../feeds/xml.ts';
import type { WorkBlurb } from '../works/listing-queries.ts';

export const NAVIGATION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=navigation';
export const ACQUISITION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';
export const ACQUISITION_REL = 'http://opds-spec.org/acquisition';

const NAMESPACES = {
  dc: 'http://purl.org/dc/terms/',
  opds: 'http://opds-spec.org/2010/catalog',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  thr: 'http://purl.org/syndication/thread/1.0',
};

export interface CatalogPage {
  baseUrl: string;
  archiveName: string;
  /** This feed's path (with its query, less the page), e.g. /opds/new or /opds/search?q=tea. */
  path: string;
  title: string;
  kind: 'navigation' | 'acquisition';
  updated: string;
  entries: AtomEntry[];
  paging?: { page: number; perPage: number; total: number };
}

function pageHref(path: string, page: number): string {
  if (page <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}page=${page}`;
}

function catalogLinks(p: CatalogPage): AtomLink[] {
  const type = p.kind === 'navigation' ? NAVIGATION_TYPE : ACQUISITION_TYPE;
  const at = (path: string) => absolute(p.baseUrl, path);
  const links: AtomLink[] = [
    { rel: 'self', href: at(pageHref(p.path, p.paging?.page ?? 1)), type },
    { rel: 'start', href: at('/opds'), type: NAVIGATION_TYPE, title: p.archiveName },
    { rel: 'search', href: at('/opds/search.xml'), type: OPENSEARCH_TYPE, title: `Search ${p.archiveName}` },
  ];
  if (p.paging) {
    const { page, perPage, total } = p.paging;
    const last = Math.max(1, Math.ceil(total / perPage));
    links.push({ rel: 'first', href: at(pageHref(p.path, 1)), type });
    if (page > 1) links.push({ rel: 'previous', href: at(pageHref(p.path, Math.min(page - 1, last))), type });
    if (page < last) links.push({ rel: 'next', href: at(pageHref(p.path, page + 1)), type });
    links.push({ rel: 'last', href: at(pageHref(p.path, last)), type });
  }
  return links;
}

export function renderCatalog(p: CatalogPage): string {
  const paging = p.paging;
  return renderAtom({
    id: absolute(p.baseUrl, p.path),
    title: p.title,
    updated: p.updated,
    authors: [{ name: p.archiveName, uri: absolute(p.baseUrl, '/') }],
    links: catalogLinks(p),
    namespaces: NAMESPACES,
    extra: paging
      ? [
          el('opensearch:totalResults', {}, String(paging.total)),
          el('opensearch:itemsPerPage', {}, String(paging.perPage)),
          el('opensearch:startIndex', {}, String((paging.page - 1) * paging.perPage + 1)),
        ]
      : [],
    entries: p.entries,
  });
}

/** A link to another catalog feed, as a navigation entry. */
export function navigationEntry(
  baseUrl: string,
  entry: {
    path: string;
    title: string;
    description: string;
    updated: string;
    kind: 'navigation' | 'acquisition';
    rel?: string;
    count?: number;
  },
): AtomEntry {
  return {
    id: absolute(baseUrl, entry.path),
    title: entry.title,
    updated: entry.updated,
    authors: [],
    links: [
      {
        rel: entry.rel ?? 'subsection',
        href: absolute(baseUrl, entry.path),
        type: entry.kind === 'navigation' ? NAVIGATION_TYPE : ACQUISITION_TYPE,
        attrs: entry.count === undefined ? undefined : { 'thr:count': entry.count },
      },
    ],
    content: { type: 'text', value: entry.description },
  };
}

/** MIME types without parameters: what an acquisition link's type says. */
const bareType = (format: keyof typeof MIME_TYPES) => MIME_TYPES[format].split(';')[0];

/**
 * A work with its download links, formats in the order the work page offers them — none when the archive
 * turned downloads off (the entry then only links to the work's page).
 */
export function workEntry(work: WorkBlurb, baseUrl: string, site: { downloads: boolean }): AtomEntry {
  return {
    ...workEntryBase(work, baseUrl),
    links: [
      ...(site.downloads ? availableFormats() : []).map((format) => ({
        rel: ACQUISITION_REL,
        href: absolute(baseUrl, downloadPath(work.id, work.title, format)),
        type: bareType(format),
        title: format.toUpperCase(),
      })),
      { rel: 'alternate', href: absolute(baseUrl, `/works/${work.id}`), type: 'text/html' },
    ],
    content: { type: 'html', value: workSummaryHtml(work, baseUrl) },
    extra: [el('dc:language', {}, work.language.code), work.publishedOn ? el('dc:issued', {}, work.publishedOn) : null],
  };
}

/** The OpenSearch description: where and how to search the catalog. */
export function renderOpenSearch(baseUrl: string, archiveName: string): string {
  return renderXml(
    el(
      'OpenSearchDescription',
      { xmlns: NAMESPACES.opensearch },
      el('ShortName', {}, archiveName.slice(0, 16)),
      el('Description', {}, `Search the works on ${archiveName}`),
      el('InputEncoding', {}, 'UTF-8'),
      el('OutputEncoding', {}, 'UTF-8'),
      el('Url', { type: ACQUISITION_TYPE, template: `${absolute(baseUrl, '/opds/search')}?q={searchTerms}` }),
    ),
  );
}
