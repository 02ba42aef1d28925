/**
 * The afterword a TXT download adds after the work text (build-txt.ts):
 * the work's end notes under an `End Notes:` line, then the invitation to
 * comment ("Please drop by … and comment to let the creator know…"). On
 * import they are told apart from the last chapter's text: the invitation
 * is taken off, and the end notes go back where they belong — only in a
 * file that starts with the download's "Posted on … at URL" line. A chapter's
 * own text line reading `End Notes:` is escaped by the writer, so the only
 * bare one is the download's.
 */
import type { Line } from './chapter-text.ts';

const INVITATION = /^Please drop by .+ and comment to let the creators? know if you enjoyed their work:/;
const END_NOTES = 'End Notes:';

/** The download's "Posted on … at URL" line, which comes before the header. */
export const POSTED_ON_LINE = /^Posted (?:originally )?on .+ at \S+$/;

export interface TextWithoutAfterword {
  text: Line[];
  /** The end notes' lines, when the afterword had some. */
  endNotes: Line[] | null;
}

export function splitDownloadAfterword(lines: Line[]): TextWithoutAfterword {
  const last = lines.findLastIndex((l) => l.text.trim());
  if (last < 0 || !INVITATION.test(lines[last].text.trim())) return { text: lines, endNotes: null };
  const text = lines.slice(0, last);
  const marker = text.findLastIndex((l) => l.text.trim() === END_NOTES);
  if (marker < 0) return { text, endNotes: null };
  return { text: text.slice(0, marker), endNotes: text.slice(marker + 1) };
}
