/**
 * Turns what a writer typed into the chapter HTML we store: allowlisted HTML
 * through sanitize-html, or plain text where blank lines separate paragraphs.
 * Nothing else ever reaches a reader's page.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    abbr: ['title'],
    '*': ['dir', 'lang', 'align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
  },
};

const LOOKS_LIKE_HTML = /<\/?(p|br|em|i|strong|b|u|s|h[1-6]|ul|ol|li|blockquote|hr|a|table|img|div|span)\b[^>]*>/i;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text to paragraphs: blank lines split paragraphs, single line breaks stay as <br>. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('\n');
}

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, ALLOWED).trim();
}

/** The stored HTML for a chapter body as typed: HTML is cleaned, plain text becomes paragraphs. */
export function prepareBody(input: string): string {
  const text = input.replace(/\r\n?/g, '\n');
  if (LOOKS_LIKE_HTML.test(text)) {
    // Writers mix HTML with blank-line paragraphs; wrap bare text blocks so they keep their breaks.
    const blocks = text
      .split(/\n\s*\n+/)
      .map((block) =>
        /^\s*<(p|h[1-6]|ul|ol|blockquote|hr|table|div|pre|dl|center)\b/i.test(block)
          ? block
          : `<p>${block.trim().replace(/\n/g, '<br />')}</p>`,
      );
    return sanitizeBody(blocks.join('\n'));
  }
  return plainTextToHtml(text);
}

/** Plain text (notes, summaries) allow a little HTML too, like AO3; cleaned the same way. */
export function sanitizeNote(input: string): string {
  return input.trim() ? prepareBody(input) : '';
}
