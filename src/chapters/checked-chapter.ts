/**
 * A chapter as the chapter form and the API's chapter writes take it: the
 * form's field checks, then the cleaned chapter — one function, so both
 * accept and refuse the same chapters. (Its own module: form-schema.ts
 * imports chapter-input.ts, so chapter-input.ts cannot import it back.)
 */
import type { FieldErrors } from '../web/forms.tsx';
import { checkChapterForm, type ChapterFormValues } from '../works/form-schema.ts';
import type { ChapterInput } from '../works/work-input.ts';
import { chapterInputOf } from '../works/chapter-input.ts';

/** The chapter as typed, cleaned — or the errors to show beside its fields. */
export function checkedChapter(values: ChapterFormValues): { errors: FieldErrors } | { chapter: ChapterInput } {
  const errors = checkChapterForm(values);
  if (!errors.body) {
    const prepared = chapterInputOf(values);
    if ('bodyError' in prepared) errors.body = prepared.bodyError;
    else if (!Object.keys(errors).length) return { chapter: prepared.chapter };
  }
  return { errors };
}
