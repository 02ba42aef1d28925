/**
 * Stored HTML → the blocks the PDF layout draws: paragraphs made of styled
 * runs (bold, italic, monospace, underline, strike, links), headings, list
 * items with their bullet or number, indents for quotes and lists, rules.
 * Tables become one line per row with cells separated by bars; images become
 * their alt text (never fetched).
 */
import { tokenizeHtml } from './html-tokens.ts';

export interface PdfRun {
  text: string;
  bold: boolean;
  italic: boolean;
  mono: boolean;
  underline: boolean;
  strike: boolean;
  link?: string;
}

export type PdfAlign = 'left' | 'center' | 'right' | 'justify';

export type PdfBlock =
  | { kind: 'text'; runs: PdfRun[]; indent: number; align: PdfAlign; heading: number; preformatted: boolean }
  | { kind: 'rule' };

const BLOCK = new Set([
  'p',
  'div',
  'center',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'title', 'textarea', 'svg', 'math']);
const INDENTING: Record<string, number> = { blockquote: 24, ul: 18, ol: 18, dd: 18 };

interface Open {
  name: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
  underline?: boolean;
  strike?: boolean;
  link?: string;
  align?: PdfAlign;
  indent: number;
  heading?: number;
  counter?: number;
}

function safeLink(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function alignOf(name: string, attrs: Record<string, string>): PdfAlign | undefined {
  if (name === 'center') return 'center';
  const align = attrs.align?.toLowerCase();
  return align === 'left' || align === 'center' || align === 'right' || align === 'justify' ? align : undefined;
}

export function htmlToPdfBlocks(html: string): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  const stack: Open[] = [];
  let runs: PdfRun[] = [];
  let prefix = '';
  let skipping: string | null = null;

  const has = (key: 'bold' | 'italic' | 'mono' | 'underline' | 'strike') => stack.some((o) => o[key]);
  const indent = () => stack.reduce((sum, o) => sum + o.indent, 0);
  const heading = () => stack.findLast((o) => o.heading)?.heading ?? 0;
  const align = () => stack.findLast((o) => o.align)?.align ?? 'left';
  const preformatted = () => stack.some((o) => o.name === 'pre');

  const addText = (text: string, extra: Partial<PdfRun> = {}, verbatim = false) => {
    if (!text) return;
    const run: PdfRun = {
      text: verbatim || preformatted() ? text : text.replace(/[ \t\n\r\f]+/g, ' '),
      bold: has('bold') || heading() > 0,
      italic: has('italic'),
      mono: has('mono'),
      underline: has('underline'),
      strike: has('strike'),
      link: stack.findLast((o) => o.link)?.link,
      ...extra,
    };
    if (prefix) {
      runs.push({ ...run, text: prefix, bold: false, italic: false, underline: false, strike: false, link: undefined });
      prefix = '';
    }
    runs.push(run);
  };

  const flush = () => {
    if (!preformatted()) {
      // Whitespace at the edges of a paragraph is not part of it.
      while (runs.length && !runs[0].text.trim()) runs.shift();
      while (runs.length && !runs[runs.length - 1].text.trim()) runs.pop();
      if (runs.length) {
        runs[0] = { ...runs[0], text: runs[0].text.replace(/^ +/, '') };
        runs[runs.length - 1] = { ...runs[runs.length - 1], text: runs[runs.length - 1].text.replace(/ +$/, '') };
      }
    }
    if (runs.some((r) => r.text.trim())) {
      blocks.push({
        kind: 'text',
        runs,
        indent: indent(),
        align: align(),
        heading: heading(),
        preformatted: preformatted(),
      });
    }
    runs = [];
  };

  for (const token of tokenizeHtml(html)) {
    if (skipping) {
      if (token.type === 'close' && token.name === skipping) skipping = null;
      continue;
    }
    if (token.type === 'text') {
      addText(token.text);
      continue;
    }
    const name = token.name;
    if (token.type === 'close') {
      const index = stack.findLastIndex((o) => o.name === name);
      if (index < 0) continue;
      if (BLOCK.has(name) || stack.slice(index).some((o) => BLOCK.has(o.name))) flush();
      stack.length = index;
      continue;
    }
    const attrs = token.attrs;
    if (SKIPPED.has(name)) {
      if (!token.selfClosing) skipping = name;
      continue;
    }
    if (name === 'br') {
      addText('\n', {}, true);
      continue;
    }
    if (name === 'img') {
      addText(`[Image${attrs.alt?.trim() ? `: ${attrs.alt.trim()}` : ''}]`, { italic: true });
      continue;
    }
    if (name === 'hr') {
      flush();
      blocks.push({ kind: 'rule' });
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (runs.length) addText(' | ', { bold: false, italic: false });
      stack.push({ name, indent: 0, bold: name === 'th' });
      continue;
    }
    if (BLOCK.has(name)) {
      // A new paragraph or list item ends the open one (HTML's implied end tags).
      const implied = name === 'li' ? 'li' : name === 'p' ? 'p' : name === 'tr' ? 'tr' : null;
      const last = implied ? stack.findLastIndex((o) => o.name === implied) : -1;
      flush();
      if (last >= 0 && stack.slice(last + 1).every((o) => !['ul', 'ol', 'table'].includes(o.name))) stack.length = last;
    }
    const open: Open = { name, indent: INDENTING[name] ?? 0, align: alignOf(name, attrs) };
    if (name === 'b' || name === 'strong' || name === 'dt') open.bold = true;
    if (['i', 'em', 'cite', 'var', 'dfn'].includes(name)) open.italic = true;
    if (['code', 'tt', 'kbd', 'samp', 'pre'].includes(name)) open.mono = true;
    if (name === 'u' || name === 'ins') open.underline = true;
    if (['s', 'strike', 'del'].includes(name)) open.strike = true;
    if (name === 'a') {
      open.link = safeLink(attrs.href);
      open.underline = !!open.link;
    }
    if (/^h[1-6]$/.test(name)) open.heading = Number(name[1]);
    if (name === 'ol') open.counter = 0;
    if (name === 'li') {
      const list = stack.findLast((o) => o.name === 'ul' || o.name === 'ol');
      if (list?.counter !== undefined) prefix = `${++list.counter}. `;
      else prefix = '• ';
    }
    if (!token.selfClosing) stack.push(open);
  }
  flush();
  return blocks;
}
