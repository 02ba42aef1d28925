/**
 * Turns what a writer typed into the chapter HTML we store: HTML cleaned by
 * sanitize-html down to the vocabulary of `html-vocabulary.ts`, or plain text
 * where blank lines separate paragraphs. Nothing else ever reaches a reader's page.
 */
import sanitizeHtml from 'sanitize-html';
import {
  CHAPTER_ELEMENTS,
  ELEMENT_ATTRIBUTES,
  GLOBAL_ATTRIBUTES,
  IMAGE_SCHEMES,
  LINK_SCHEMES,
} from './html-vocabulary.ts';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...CHAPTER_ELEMENTS],
  allowedAttributes: {
    ...Object.fromEntries(Object.entries(ELEMENT_ATTRIBUTES).map(([element, names]) => [element, [...names]])),
    '*': [...GLOBAL_ATTRIBUTES],
  },
  allowedSchemes: [...LINK_SCHEMES],
  allowedSchemesByTag: { img: [...IMAGE_SCHEMES] },
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
