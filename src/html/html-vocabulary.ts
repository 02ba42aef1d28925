/**
 * The HTML vocabulary of stored text: the elements and attributes a chapter
 * body, summary or note may hold, and the link schemes. This is the one list:
 * the sanitizer (`body.ts`) keeps exactly these and drops everything else,
 * and the EPUB rules (`src/downloads/xhtml-rules.ts`) are typed over it, so
 * an element allowed here cannot compile without saying what EPUB makes of it.
 */

export const CHAPTER_ELEMENTS = [
  'p',
  'br',
  'em',
  'i',
  'strong',
  'b',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'big',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'hr',
  'a',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'img',
  'span',
  'div',
  'abbr',
  'cite',
  'code',
  'pre',
  'q',
  'center',
] as const;
export type ChapterElement = (typeof CHAPTER_ELEMENTS)[number];

/** Attributes every allowed element may carry (`align` is obsolete, but writers paste it). */
export const GLOBAL_ATTRIBUTES = ['dir', 'lang', 'align'] as const;

/** Attributes particular elements may carry besides the global ones. */
export const ELEMENT_ATTRIBUTES = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  abbr: ['title'],
} as const satisfies Partial<Record<ChapterElement, readonly string[]>>;

type ElementsWithAttributes = keyof typeof ELEMENT_ATTRIBUTES;

/** One allowed attribute as `element.attribute`, or `*.attribute` for a global one. */
export type ChapterAttributeKey =
  | `*.${(typeof GLOBAL_ATTRIBUTES)[number]}`
  | { [E in ElementsWithAttributes]: `${E}.${(typeof ELEMENT_ATTRIBUTES)[E][number]}` }[ElementsWithAttributes];

/** The attributes allowed on `element`, the global ones first. */
export function attributesAllowedOn(element: string): readonly string[] {
  const own = (ELEMENT_ATTRIBUTES as Record<string, readonly string[] | undefined>)[element] ?? [];
  return [...GLOBAL_ATTRIBUTES, ...own];
}

/** Schemes a link may use; an image must come over https, so a reading page never mixes in plain-http content. */
export const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
export const IMAGE_SCHEMES = ['https'] as const;
