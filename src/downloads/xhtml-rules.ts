/**
 * The element rules the XHTML converter applies: what EPUB makes of each
 * element and attribute a chapter may hold (`src/works/html-vocabulary.ts`
 * is the list; the rules are typed over it, so an element or attribute
 * allowed there has a rule here or nothing compiles), which elements hold
 * only inline (phrasing) content, and which containers accept only certain
 * children (a list only items, a table only rows) — the content models
 * epubcheck's schema enforces.
 */
import type { ChapterAttributeKey, ChapterElement } from '../html/html-vocabulary.ts';

/**
 * What EPUB makes of an element: `keep` writes it as it is; `{ as }` writes
 * an obsolete element as its valid equivalent (with a class the styles
 * know); `image-link` writes an image as a link to its address, because
 * fetching it would let a writer make the server request any URL.
 */
export type EpubElementRule = 'keep' | 'image-link' | { as: string; className?: string };

export const EPUB_ELEMENTS = {
  p: 'keep',
  br: 'keep',
  em: 'keep',
  i: 'keep',
  strong: 'keep',
  b: 'keep',
  u: 'keep',
  s: 'keep',
  strike: { as: 's' },
  del: 'keep',
  ins: 'keep',
  sub: 'keep',
  sup: 'keep',
  small: 'keep',
  big: { as: 'span', className: 'big' },
  h1: 'keep',
  h2: 'keep',
  h3: 'keep',
  h4: 'keep',
  h5: 'keep',
  h6: 'keep',
  ul: 'keep',
  ol: 'keep',
  li: 'keep',
  dl: 'keep',
  dt: 'keep',
  dd: 'keep',
  blockquote: 'keep',
  hr: 'keep',
  a: 'keep',
  table: 'keep',
  thead: 'keep',
  tbody: 'keep',
  tfoot: 'keep',
  tr: 'keep',
  th: 'keep',
  td: 'keep',
  caption: 'keep',
  img: 'image-link',
  span: 'keep',
  div: 'keep',
  abbr: 'keep',
  cite: 'keep',
  code: 'keep',
  pre: 'keep',
  q: 'keep',
  center: { as: 'div', className: 'center' },
} as const satisfies Record<ChapterElement, EpubElementRule>;

/**
 * What EPUB makes of an attribute, by the element it ends up on: `keep`
 * writes it once its value checks out, `class` turns it into a class (the
 * obsolete `align`), `image-link` feeds the image's link (its address and
 * text), `drop` leaves it out.
 */
export type EpubAttributeRule = 'keep' | 'class' | 'image-link' | 'drop';

export const EPUB_ATTRIBUTES = {
  '*.dir': 'keep',
  '*.lang': 'keep',
  '*.align': 'class',
  'a.href': 'keep',
  'a.title': 'keep',
  // rel="nofollow noopener" guards the archive's pages; a book has no page rank or opener to guard.
  'a.rel': 'drop',
  'img.src': 'image-link',
  'img.alt': 'image-link',
  // The image becomes a link, which has no size and whose text is the alt text.
  'img.title': 'drop',
  'img.width': 'drop',
  'img.height': 'drop',
  'td.colspan': 'keep',
  'td.rowspan': 'keep',
  'th.colspan': 'keep',
  'th.rowspan': 'keep',
  'abbr.title': 'keep',
} as const satisfies Record<ChapterAttributeKey, EpubAttributeRule>;

type Kept<K> = K extends `${string}.${infer Name}` ? Name : never;
/** The attribute names some element keeps: each needs a writer that checks its value. */
export type KeptAttribute = {
  [K in keyof typeof EPUB_ATTRIBUTES]: (typeof EPUB_ATTRIBUTES)[K] extends 'keep' ? Kept<K> : never;
}[keyof typeof EPUB_ATTRIBUTES];

/** The rule for `attribute` on an element written as `element`; attributes outside the vocabulary are dropped. */
export function epubAttributeRule(element: string, attribute: string): EpubAttributeRule {
  const rules: Record<string, EpubAttributeRule | undefined> = EPUB_ATTRIBUTES;
  return rules[`${element}.${attribute}`] ?? rules[`*.${attribute}`] ?? 'drop';
}

const elementRules = Object.entries(EPUB_ELEMENTS) as Array<[ChapterElement, EpubElementRule]>;

/** Elements written as they are. */
export const KEPT: ReadonlySet<string> = new Set(elementRules.filter(([, rule]) => rule === 'keep').map(([n]) => n));
/** Obsolete elements writers still paste, and what they become. */
export const RENAMED: Readonly<Record<string, { name: string; className?: string }>> = Object.fromEntries(
  elementRules.flatMap(([n, rule]) =>
    typeof rule === 'object' ? [[n, { name: rule.as, ...(rule.className ? { className: rule.className } : {}) }]] : [],
  ),
);
/** Elements written as a link to their address. */
export const IMAGE_LINKED: ReadonlySet<string> = new Set(
  elementRules.filter(([, rule]) => rule === 'image-link').map(([n]) => n),
);
/** Elements whose whole content is dropped along with them. */
export const SKIPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'title',
  'textarea',
  'select',
  'object',
  'iframe',
  'svg',
  'math',
]);

/** Elements that may hold only phrasing content (text and inline elements). */
export const PHRASING_ONLY = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'dt',
  'caption',
  'em',
  'i',
  'strong',
  'b',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'span',
  'a',
  'abbr',
  'cite',
  'code',
  'q',
]);
export const PHRASING = new Set([...PHRASING_ONLY, 'br', 'img'].filter((n) => !/^(p|h[1-6]|pre|dt|caption)$/.test(n)));
/** Opening one of these closes an open paragraph, as HTML parsers do. */
export const CLOSES_P = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'dl',
  'table',
  'blockquote',
  'hr',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Children a container accepts, and the wrapper opened around anything else. */
export const CONTAINERS: Record<string, { accepts: Set<string>; wrapper: string }> = {
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
export const PARENTS: Record<string, Set<string>> = {
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
export const SIBLING_FAMILIES: Record<string, Set<string>> = {
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
export const BOUNDARIES = new Set(['ul', 'ol', 'dl', 'table', 'div', 'blockquote']);
