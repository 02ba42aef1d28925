/**
 * Stored HTML → plain text for the TXT download and for metadata fields
 * that hold text (EPUB's dc:description, PDF keywords): paragraphs become
 * blank-line separated blocks, `<br>` a line break, list items get a bullet,
 * images their alt text. Never emits markup.
 */
import { tokenizeHtml } from './html-tokens.ts';

const BLOCKS = new Set([
  'p',
  'div',
  'center',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'table',
  'tr',
  'li',
  'dt',
  'dd',
  'caption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'title', 'textarea']);

/** Paragraphs of `html` as plain text, separated by blank lines. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping: string | null = null;
  let preDepth = 0;
  const breakBlock = () => parts.push('\n\n');
  for (const token of tokenizeHtml(html)) {
    if (skipping) {
      if (token.type === 'close' && token.name === skipping) skipping = null;
      continue;
    }
    if (token.type === 'text') {
      parts.push(preDepth ? token.text : token.text.replace(/[ \t\n\r\f]+/g, ' '));
    } else if (token.type === 'open') {
      if (SKIPPED.has(token.name) && !token.selfClosing) skipping = token.name;
      else if (token.name === 'br') parts.push('\n');
      else if (token.name === 'img')
        parts.push(`[Image${token.attrs.alt?.trim() ? `: ${token.attrs.alt.trim()}` : ''}]`);
      else if (token.name === 'hr') parts.push('\n\n* * *\n\n');
      else if (token.name === 'li') parts.push('\n\n• ');
      else if (token.name === 'td' || token.name === 'th') parts.push(' | ');
      else if (BLOCKS.has(token.name)) breakBlock();
      if (token.name === 'pre') preDepth += 1;
    } else if (BLOCKS.has(token.name)) {
      if (token.name === 'pre') preDepth = Math.max(0, preDepth - 1);
      breakBlock();
    }
  }
  return tidyText(parts.join(''));
}

/** Trims each line, keeps at most one blank line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line of text (for attributes and metadata): all whitespace folded to single spaces. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}
