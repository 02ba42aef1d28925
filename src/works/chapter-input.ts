/**
 * A chapter as typed into a form, turned into the ChapterInput the saving
 * commands take: the body cleaned (or plain text made into paragraphs) and
 * the notes cleaned. A body that is empty once cleaned is refused here,
 * since "<p> </p>" passes a plain non-empty check.
 */
import type { ChapterFormValues } from './form-schema.ts';
import type { ChapterInput } from './work-input.ts';
import { prepareBody, sanitizeNote } from '../html/body.ts';
import { textOfHtml } from '../html/visible-text.ts';

export const EMPTY_BODY = 'Write the chapter text: it cannot be empty.';

/** True when cleaned HTML shows nothing to a reader. */
export function isBlankHtml(html: string): boolean {
  return !textOfHtml(html).trim() && !/<(img|hr|table)\b/i.test(html);
}

/** The cleaned chapter, or an error for the body field. */
export function chapterInputOf(
  values: Pick<ChapterFormValues, 'chapter_title' | 'body'> &
    Partial<Pick<ChapterFormValues, 'summary' | 'notes' | 'end_notes'>>,
): { chapter: ChapterInput } | { bodyError: string } {
  const body = prepareBody(values.body);
  if (isBlankHtml(body)) return { bodyError: EMPTY_BODY };
  return {
    chapter: {
      title: values.chapter_title.trim(),
      summary: sanitizeNote(values.summary ?? ''),
      notes: sanitizeNote(values.notes ?? ''),
      endNotes: sanitizeNote(values.end_notes ?? ''),
      body,
    },
  };
}
