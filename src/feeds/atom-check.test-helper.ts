/**
 * Reads a feed the way a strict feed reader would, for tests: the text must
 * be well-formed XML, the root an Atom feed in the Atom namespace with the
 * elements RFC 4287 requires (id, title, updated; an author on the feed or
 * on every entry), every time RFC 3339, and every entry with its id, title,
 * updated and an alternate or acquisition link. Returns the parsed feed for
 * further checks.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { ATOM_NS } from './atom.ts';

const REPEATED = new Set(['entry', 'link', 'author', 'category']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML has no static shape; tests read into it freely
export type XmlNode = Record<string, any>;

export interface AtomLinkAttrs {
  rel: string;
  href: string;
  type?: string;
  [attr: string]: string | undefined;
}

/** The text of an element that may have attributes (then fast-xml-parser puts the text under #text). */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  return String((node as XmlNode)['#text'] ?? '');
}

export function linksOf(node: XmlNode): AtomLinkAttrs[] {
  return ((node.link ?? []) as XmlNode[]).map((l) => {
    const attrs: AtomLinkAttrs = { rel: l['@_rel'] ?? 'alternate', href: l['@_href'] };
    for (const [key, value] of Object.entries(l)) if (key.startsWith('@_')) attrs[key.slice(2)] = String(value);
    attrs.rel = l['@_rel'] ?? 'alternate';
    return attrs;
  });
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:/i;

export function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new Error(`Not well-formed XML: ${valid.err.msg} at line ${valid.err.line}\n${xml.slice(0, 400)}`);
  return parser.parse(xml) as XmlNode;
}

export interface ParsedFeed {
  feed: XmlNode;
  entries: XmlNode[];
  links: AtomLinkAttrs[];
}

export function parseAtomFeed(xml: string): ParsedFeed {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const feed = parseXml(xml).feed as XmlNode | undefined;
  if (!feed) throw new Error(`The root element is not <feed>:\n${xml.slice(0, 300)}`);
  expect(feed['@_xmlns']).toBe(ATOM_NS);
  expect(textOf(feed.id)).toMatch(ABSOLUTE_IRI);
  expect(textOf(feed.title)).not.toBe('');
  expect(textOf(feed.updated)).toMatch(RFC3339);
  const entries = (feed.entry ?? []) as XmlNode[];
  const feedHasAuthor = ((feed.author ?? []) as XmlNode[]).some((a) => textOf(a.name) !== '');
  for (const entry of entries) {
    expect(textOf(entry.id)).toMatch(ABSOLUTE_IRI);
    expect(textOf(entry.title)).not.toBe('');
    expect(textOf(entry.updated)).toMatch(RFC3339);
    if (entry.published !== undefined) expect(textOf(entry.published)).toMatch(RFC3339);
    if (!feedHasAuthor) expect(((entry.author ?? []) as XmlNode[]).length).toBeGreaterThan(0);
    for (const author of (entry.author ?? []) as XmlNode[]) expect(textOf(author.name)).not.toBe('');
    expect(linksOf(entry).length).toBeGreaterThan(0);
    if (entry.summary !== undefined && typeof entry.summary === 'object') {
      expect(['text', 'html', 'xhtml']).toContain(entry.summary['@_type'] ?? 'text');
    }
  }
  // Entry ids are permanent and unique within a feed.
  expect(new Set(entries.map((e) => textOf(e.id))).size).toBe(entries.length);
  return { feed, entries, links: linksOf(feed) };
}
