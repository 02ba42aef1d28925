/**
 * Atom (RFC 4287) documents from plain data: the feed and entry shapes the
 * Atom feeds and the OPDS catalog share. Each entry has the elements the RFC
 * requires (id, title, updated) and the feed carries an author, so entries
 * without one of their own (anonymous works) still validate.
 */
import { el, renderXml, type XmlAttrs, type XmlChild, type XmlElement } from './xml.ts';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

export interface AtomLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  /** More attributes, e.g. OPDS's `thr:count`. */
  attrs?: XmlAttrs;
}

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomCategory {
  term: string;
  label?: string;
  scheme?: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  /** RFC 3339 times (see `atomTime`). */
  updated: string;
  published?: string;
  authors: AtomPerson[];
  links: AtomLink[];
  /** HTML, written escaped with type="html". */
  summaryHtml?: string;
  content?: { type: 'html' | 'text'; value: string };
  categories?: AtomCategory[];
  /** Elements of other vocabularies (dc:language, …). */
  extra?: XmlChild[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  authors: AtomPerson[];
  links: AtomLink[];
  entries: AtomEntry[];
  /** Prefix → namespace URI for `extra` elements, e.g. { dc: 'http://purl.org/dc/terms/' }. */
  namespaces?: Record<string, string>;
  extra?: XmlChild[];
}

/** A stored date (YYYY-MM-DD) or ISO time as an RFC 3339 time in UTC. */
export function atomTime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? '1970-01-01T00:00:00Z' : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The latest of some RFC 3339 times (they compare as text), or the fallback when there are none. */
export function latestTime(times: readonly string[], fallback: string): string {
  return times.reduce((max, t) => (t > max ? t : max), atomTime(fallback));
}

function link(l: AtomLink): XmlElement {
  return el('link', { rel: l.rel, href: l.href, type: l.type, title: l.title, ...l.attrs });
}

function person(kind: 'author', p: AtomPerson): XmlElement {
  return el(kind, {}, el('name', {}, p.name), p.uri ? el('uri', {}, p.uri) : null);
}

function entry(e: AtomEntry): XmlElement {
  return el(
    'entry',
    {},
    el('id', {}, e.id),
    el('title', {}, e.title),
    el('updated', {}, e.updated),
    e.published ? el('published', {}, e.published) : null,
    e.authors.map((a) => person('author', a)),
    e.links.map(link),
    (e.categories ?? []).map((c) => el('category', { term: c.term, label: c.label, scheme: c.scheme })),
    e.summaryHtml !== undefined ? el('summary', { type: 'html' }, e.summaryHtml) : null,
    e.content ? el('content', { type: e.content.type }, e.content.value) : null,
    e.extra ?? [],
  );
}

export function renderAtom(feed: AtomFeed): string {
  const namespaces = Object.fromEntries(
    Object.entries(feed.namespaces ?? {}).map(([prefix, uri]) => [`xmlns:${prefix}`, uri]),
  );
  return renderXml(
    el(
      'feed',
      { xmlns: ATOM_NS, ...namespaces },
      el('id', {}, feed.id),
      el('title', {}, feed.title),
      feed.subtitle ? el('subtitle', {}, feed.subtitle) : null,
      el('updated', {}, feed.updated),
      feed.authors.map((a) => person('author', a)),
      feed.links.map(link),
      feed.extra ?? [],
      feed.entries.map(entry),
    ),
  );
}
