/**
 * A small, forgiving tokenizer for the sanitized HTML we store (chapter
 * bodies, summaries, notes): start tags with attributes, end tags and text
 * with entities decoded. EPUB, PDF and TXT builders walk these tokens
 * instead of a DOM, so a 500,000-character chapter streams through in one
 * pass without a parser dependency.
 */

export type HtmlToken =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

/** Elements that never have content or an end tag. */
export const VOID_ELEMENTS = new Set([
  'br',
  'hr',
  'img',
  'wbr',
  'area',
  'base',
  'col',
  'embed',
  'input',
  'link',
  'meta',
  'source',
  'track',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  para: '¶',
  sect: '§',
  dagger: '†',
  Dagger: '‡',
  prime: '′',
  Prime: '″',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  zwj: '\u200d',
  zwnj: '\u200c',
  iexcl: '¡',
  iquest: '¿',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  aring: 'å',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  ouml: 'ö',
  uacute: 'ú',
  ugrave: 'ù',
  ucirc: 'û',
  uuml: 'ü',
  iacute: 'í',
  igrave: 'ì',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ccedil: 'ç',
  szlig: 'ß',
  aelig: 'æ',
  oslash: 'ø',
  Eacute: 'É',
  Aacute: 'Á',
  Oacute: 'Ó',
  Uacute: 'Ú',
  Ntilde: 'Ñ',
  Ccedil: 'Ç',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  hearts: '♥',
  star: '☆',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
};

/** Characters XML 1.0 forbids, which a pasted chapter may still carry. */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function decodeEntities(text: string): string {
  return text
    .replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
        return '\ufffd';
      }
      return NAMED_ENTITIES[name] ?? whole;
    })
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/\r\n?/g, '\n');
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** Tokens of `html` in document order. Comments, doctypes and processing instructions are dropped. */
export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>/g;
  let last = 0;
  for (const match of html.matchAll(tag)) {
    const index = match.index ?? 0;
    if (index > last) yield { type: 'text', text: decodeEntities(html.slice(last, index)) };
    last = index + match[0].length;
    if (!match[2]) continue;
    const name = match[2].toLowerCase();
    if (match[1]) {
      yield { type: 'close', name };
    } else {
      const rest = match[3] ?? '';
      yield {
        type: 'open',
        name,
        attrs: parseAttributes(rest.replace(/\/\s*$/, '')),
        selfClosing: /\/\s*$/.test(rest),
      };
    }
  }
  if (last < html.length) yield { type: 'text', text: decodeEntities(html.slice(last)) };
}

/** Escapes text for XML and HTML content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
