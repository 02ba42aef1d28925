/**
 * A tiny XML writer for feeds: elements as plain data, written out with
 * every text and attribute escaped, so no stored title or tag name can
 * break a feed. Characters XML 1.0 forbids are dropped rather than escaped,
 * since no escape makes them legal.
 */

export type XmlAttrs = Record<string, string | number | null | undefined>;
export type XmlChild = XmlElement | string | null | undefined | false;

export interface XmlElement {
  name: string;
  attrs: XmlAttrs;
  children: XmlChild[];
}

/** `el('link', { rel: 'self', href })`, `el('title', {}, 'Works')`. */
export function el(name: string, attrs: XmlAttrs = {}, ...children: Array<XmlChild | XmlChild[]>): XmlElement {
  return { name, attrs, children: children.flat() };
}

// The code points XML 1.0 does not allow, and unpaired surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function write(node: XmlElement, out: string[]): void {
  out.push('<', node.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value === null || value === undefined) continue;
    out.push(' ', key, '="', escapeXml(String(value)), '"');
  }
  const children = node.children.filter((child): child is XmlElement | string => !!child || child === '');
  if (!children.length) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of children) {
    if (typeof child === 'string') out.push(escapeXml(child));
    else write(child, out);
  }
  out.push('</', node.name, '>');
}

/** The whole document, with its XML declaration. */
export function renderXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, out);
  out.push('\n');
  return out.join('');
}
