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
import { attributesAllowedOn } from '../html/html-vocabulary.ts';
import {
  BOUNDARIES,
  CLOSES_P,
  CONTAINERS,
  epubAttributeRule,
  IMAGE_LINKED,
  KEPT,
  type KeptAttribute,
  PARENTS,
  PHRASING,
  PHRASING_ONLY,
  RENAMED,
  SIBLING_FAMILIES,
  SKIPPED_WITH_CONTENT,
} from './xhtml-rules.ts';

interface Open {
  source: string;
  name: string;
  auto: boolean;
  /** Something was written inside already (a table's caption must come first). */
  filled?: boolean;
  /** A definition list has its first term (a `dd` must follow a `dt`). */
  hasTerm?: boolean;
  /** A definition list's last child is a term, which must not end the list without its description. */
  awaitsDescription?: boolean;
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

function spanWriter(span: string) {
  return (value: string) => {
    const count = Number(value);
    return Number.isInteger(count) && count > 0 && count <= 1000 ? `${span}="${count}"` : undefined;
  };
}

/** Each attribute EPUB keeps, written once its value checks out (nothing when it does not). */
const WRITE_KEPT: Record<KeptAttribute, (value: string) => string | undefined> = {
  dir: (value) => (/^(ltr|rtl|auto)$/i.test(value) ? `dir="${value.toLowerCase()}"` : undefined),
  lang: (value) => (LANG.test(value) ? `lang="${value}" xml:lang="${value}"` : undefined),
  href: (value) => {
    const href = safeHref(value);
    return href ? `href="${escapeXml(href)}"` : undefined;
  },
  title: (value) => (value ? `title="${escapeXml(value)}"` : undefined),
  colspan: spanWriter('colspan'),
  rowspan: spanWriter('rowspan'),
};

/** The attributes of an element written as `name`, by the EPUB rules, in the vocabulary's order. */
function attributesFor(name: string, attrs: Record<string, string>, extraClass?: string): string {
  const out: string[] = [];
  const classes = extraClass ? [extraClass] : [];
  for (const attribute of attributesAllowedOn(name)) {
    const value = attrs[attribute];
    if (!value) continue;
    const rule = epubAttributeRule(name, attribute);
    if (rule === 'keep') {
      const written = WRITE_KEPT[attribute as KeptAttribute](value);
      if (written) out.push(written);
    } else if (rule === 'class' && ALIGN.has(value.toLowerCase())) {
      classes.push(`align-${value.toLowerCase()}`);
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
  const closeTop = () => {
    const closing = stack.pop()!;
    if (closing.awaitsDescription) out.push('<dd></dd>');
    out.push(`</${closing.name}>`);
  };
  const closeThrough = (index: number) => {
    while (stack.length > index) closeTop();
  };
  const push = (source: string, name: string, attrs: string, auto = false) => {
    const parent = top();
    if (parent) {
      // A description before any term is invalid: give it an empty term to follow.
      if (parent.name === 'dl' && name === 'dd' && !parent.hasTerm) out.push('<dt></dt>');
      if (parent.name === 'dl') {
        parent.hasTerm = true;
        parent.awaitsDescription = name === 'dt';
      }
      parent.filled = true;
    }
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
    if (IMAGE_LINKED.has(source)) return image(token.attrs);
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
    } else if (name === 'caption' && top()?.filled) {
      name = 'div'; // a caption after the rows is kept as a cell's text
    }
    wrapFor(name);
    if (VOID_ELEMENTS.has(name)) {
      if (top()) top().filled = true;
      return void out.push(`<${name}${attributesFor(name, token.attrs)}/>`);
    }
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
    const parent = top();
    if (parent && value.trim()) parent.filled = true;
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
