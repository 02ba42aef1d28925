/**
 * Stored chapter HTML → well-formed, valid XHTML for EPUB: every element
 * closed, void elements written `<br/>`, named entities as characters,
 * obsolete elements (`center`, `big`, `strike`) and attributes (`align`)
 * turned into classes, and content models repaired the way epubcheck's
 * schema demands (a `<p>` inside `<em>` becomes a span, text straight inside
 * a list gets its `<li>`). Images are never fetched (that would let a writer
 * make the server request any URL): each becomes a link to its address.
 */
import { escapeXml, tokenizeHtml, VOID_ELEMENTS, type HtmlToken } from './html-tokens.ts';

const KEPT = new Set([
  'p', 'br', 'em', 'i', 'strong', 'b', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'hr', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th',
  'td', 'caption', 'span', 'div', 'abbr', 'cite', 'code', 'pre', 'q', 'mark', 'kbd', 'samp', 'var', 'ruby', 'rt', 'rp',
]);
/** Obsolete elements writers still paste, and what they become. */
const RENAMED: Record<string, { name: string; className?: string }> = {
  center: { name: 'div', className: 'center' },
  big: { name: 'span', className: 'big' },
  strike: { name: 's' },
  tt: { name: 'code' },
  font: { name: 'span' },
};
/** Elements whose whole content is dropped along with them. */
const SKIPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'title', 'textarea', 'select', 'object', 'iframe', 'svg', 'math']);

/** Elements that may hold only phrasing content (text and inline elements). */
const PHRASING_ONLY = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'dt', 'caption', 'em', 'i', 'strong', 'b', 'u', 's', 'del', 'ins',
  'sub', 'sup', 'small', 'span', 'a', 'abbr', 'cite', 'code', 'q', 'mark', 'kbd', 'samp', 'var', 'ruby', 'rt', 'rp',
]);
const PHRASING = new Set([...PHRASING_ONLY, 'br', 'img'].filter((n) => !/^(p|h[1-6]|pre|dt|caption)$/.test(n)));
/** Opening one of these closes an open paragraph, as HTML parsers do. */
const CLOSES_P = new Set(['p', 'div', 'ul', 'ol', 'dl', 'table', 'blockquote', 'hr', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Children a container accepts, and the wrapper opened around anything else. */
const CONTAINERS: Record<string, { accepts: Set<string>; wrapper: string }> = {
  ul: { accepts: new Set(['li']), wrapper: 'li' },
  ol: { accepts: new Set(['li']), wrapper: 'li' },
  dl: { accepts: new Set(['dt', 'dd']), wrapper: 'dd' },
  table: { accepts: new Set(['caption', 'thead', 'tbody', 'tfoot', 'tr']), wrapper: 'tr' },
  thead: { accepts: new Set(['tr']), wrapper: 'tr' },
  tbody: { accepts: new Set(['tr']), wrapper: 'tr' },
  tfoot: { accepts: new Set(['tr']), wrapper: 'tr' },
  tr: { accepts: new Set(['td', 'th']), wrapper: 'td' },
};
/** Where each structural child belongs; elsewhere it is written as a div. */
const PARENTS: Record<string, Set<string>> = {
  li: new Set(['ul', 'ol']),
  dt: new Set(['dl']),
  dd: new Set(['dl']),
  tr: new Set(['table', 'thead', 'tbody', 'tfoot']),
  td: new Set(['tr']),
  th: new Set(['tr']),
  thead: new Set(['table']),
  tbody: new Set(['table']),
  tfoot: new Set(['table']),
  caption: new Set(['table']),
};
/** An open one of these is closed by a sibling of the same family (a new `<li>` ends the last). */
const SIBLING_FAMILIES: Record<string, Set<string>> = {
  li: new Set(['li']),
  dt: new Set(['dt', 'dd']),
  dd: new Set(['dt', 'dd']),
  td: new Set(['td', 'th']),
  th: new Set(['td', 'th']),
  tr: new Set(['tr']),
  thead: new Set(['thead', 'tbody', 'tfoot']),
  tbody: new Set(['thead', 'tbody', 'tfoot']),
  tfoot: new Set(['thead', 'tbody', 'tfoot']),
};
/** Family boundaries: an implied close never reaches past these. */
const BOUNDARIES = new Set(['ul', 'ol', 'dl', 'table', 'div', 'blockquote']);

interface Open {
  source: string;
  name: string;
  auto: boolean;
}

/** Styles for the classes this converter writes; every format that shows its output includes them. */
export const XHTML_CLASSES_CSS = `.center, .align-center { text-align: center; }
.align-right { text-align: right; }
.align-left { text-align: left; }
.align-justify { text-align: justify; }
.big { font-size: larger; }
`;

const ALIGN = new Set(['left', 'right', 'center', 'justify']);
const LANG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;

function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function attributesFor(name: string, attrs: Record<string, string>, extraClass?: string): string {
  const out: string[] = [];
  const classes = extraClass ? [extraClass] : [];
  if (attrs.dir && /^(ltr|rtl|auto)$/i.test(attrs.dir)) out.push(`dir="${attrs.dir.toLowerCase()}"`);
  if (attrs.lang && LANG.test(attrs.lang)) out.push(`lang="${attrs.lang}" xml:lang="${attrs.lang}"`);
  if (attrs.align && ALIGN.has(attrs.align.toLowerCase())) classes.push(`align-${attrs.align.toLowerCase()}`);
  if (name === 'a') {
    const href = attrs.href ? safeHref(attrs.href) : undefined;
    if (href) out.push(`href="${escapeXml(href)}"`);
  }
  if ((name === 'a' || name === 'abbr') && attrs.title) out.push(`title="${escapeXml(attrs.title)}"`);
  if (name === 'td' || name === 'th') {
    for (const span of ['colspan', 'rowspan']) {
      const value = Number(attrs[span]);
      if (Number.isInteger(value) && value > 0 && value <= 1000) out.push(`${span}="${value}"`);
    }
  }
  if (classes.length) out.push(`class="${classes.join(' ')}"`);
  return out.length ? ` ${out.join(' ')}` : '';
}

/** Converts stored HTML to an XHTML fragment valid inside an EPUB 3 content document's body. */
export function htmlToXhtml(html: string): string {
  const out: string[] = [];
  const stack: Open[] = [];
  let skipping: string | null = null;

  const top = () => stack[stack.length - 1];
  const inPhrasing = () => stack.some((o) => PHRASING_ONLY.has(o.name));
  const inLink = () => stack.some((o) => o.name === 'a');
  const closeTop = () => out.push(`</${stack.pop()!.name}>`);
  const closeThrough = (index: number) => {
    while (stack.length > index) closeTop();
  };
  const push = (source: string, name: string, attrs: string, auto = false) => {
    out.push(`<${name}${attrs}>`);
    stack.push({ source, name, auto });
  };

  /** True when `name` may sit in `parent`, directly or inside the wrappers we would open. */
  const reachable = (parent: string, name: string) => {
    for (let cur = parent, depth = 0; depth < 3; depth++) {
      const container = CONTAINERS[cur];
      if (!container) return false;
      if (container.accepts.has(name)) return true;
      cur = container.wrapper;
    }
    return false;
  };

  /** Opens the wrappers a container needs around a child that is not its own kind (text too). */
  const wrapFor = (name: string | null) => {
    for (;;) {
      const container = CONTAINERS[top()?.name ?? ''];
      if (!container || (name && container.accepts.has(name))) return;
      push(container.wrapper, container.wrapper, '', true);
    }
  };

  const open = (token: Extract<HtmlToken, { type: 'open' }>) => {
    const source = token.name;
    if (SKIPPED_WITH_CONTENT.has(source)) {
      if (!token.selfClosing) skipping = source;
      return;
    }
    if (source === 'img') return image(token.attrs);
    const renamed = RENAMED[source];
    let name = renamed?.name ?? source;
    if (!KEPT.has(name)) return;
    // Implied closes, as HTML parsers do: a block ends the open paragraph; a new list item ends the last.
    if (CLOSES_P.has(name)) {
      const p = stack.findLastIndex((o) => o.name === 'p');
      if (p >= 0 && stack.slice(p + 1).every((o) => PHRASING.has(o.name))) closeThrough(p);
    }
    const family = SIBLING_FAMILIES[name];
    if (family) {
      for (let i = stack.length - 1; i >= 0 && !BOUNDARIES.has(stack[i].name); i--) {
        if (family.has(stack[i].name) && !stack[i].auto) {
          closeThrough(i);
          break;
        }
      }
    }
    if (PARENTS[name]) {
      // Wrappers we opened ourselves end when their container gets a child of its own kind.
      while (top()?.auto && !CONTAINERS[top().name]?.accepts.has(name)) closeTop();
    }
    if (inPhrasing() && !PHRASING.has(name)) {
      // Block content inside inline content is invalid: keep the words, as an inline span.
      if (name === 'hr') return void out.push('<br/>');
      name = 'span';
    } else if (name === 'a' && inLink()) {
      name = 'span';
    } else if (PARENTS[name] && !reachable(top()?.name ?? '', name)) {
      name = 'div';
    }
    wrapFor(name);
    if (VOID_ELEMENTS.has(name)) return void out.push(`<${name}${attributesFor(name, token.attrs)}/>`);
    push(source, name, attributesFor(name, token.attrs, renamed?.className));
  };

  const image = (attrs: Record<string, string>) => {
    const label = `[Image${attrs.alt?.trim() ? `: ${attrs.alt.trim()}` : ''}]`;
    const href = attrs.src ? safeHref(attrs.src) : undefined;
    wrapFor(null);
    if (!href || inLink()) return void out.push(escapeXml(label));
    out.push(`<a class="image-link" href="${escapeXml(href)}">${escapeXml(label)}</a>`);
  };

  const close = (source: string) => {
    if (skipping) {
      if (source === skipping) skipping = null;
      return;
    }
    const index = stack.findLastIndex((o) => o.source === source && !o.auto);
    if (index >= 0) closeThrough(index);
  };

  const text = (value: string) => {
    if (skipping) return;
    if (CONTAINERS[top()?.name ?? ''] && !value.trim()) return void out.push(value.includes('\n') ? '\n' : '');
    wrapFor(null);
    out.push(escapeXml(value));
  };

  for (const token of tokenizeHtml(html)) {
    if (token.type === 'open') {
      open(token);
      if (token.selfClosing && !VOID_ELEMENTS.has(token.name) && top()?.source === token.name) closeTop();
    } else if (token.type === 'close') {
      if (!VOID_ELEMENTS.has(token.name)) close(token.name);
    } else {
      text(token.text);
    }
  }
  closeThrough(0);
  return out.join('');
}
