/**
 * One-line values — titles, tag names, pseud names — and what may not be in
 * them: line breaks (LF, CR, NEL, U+2028, U+2029) and other control
 * characters. A line break in a title let a work's export carry header lines
 * of its own (`Rating:`, `Author:`) that the importer then believed.
 */

/** Every control character (C0, DEL, C1, tab included) and the two Unicode line and paragraph separators. */
export const LINE_BREAK_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;
const LINE_BREAKS = new Set(['\n', '\r', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029']);

/** Why `value` cannot be one line of text, naming it as `what` ("The title"), or null when it is fine. */
export function singleLineProblem(value: string, what: string): string | null {
  const found = LINE_BREAK_OR_CONTROL.exec(value);
  if (!found) return null;
  if (LINE_BREAKS.has(found[0])) return `${what} must be on one line: remove the line break in it.`;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${what} contains an invisible control character (U+${code}); remove it.`;
}

/** A one-line value as written to a file: any break or control character left from older data becomes a space. */
export function asOneLine(value: string): string {
  return value.replace(new RegExp(LINE_BREAK_OR_CONTROL.source, 'gu'), ' ');
}
