/**
 * The fields of a chapter, shared by the post form (its first chapter) and
 * the chapter form: title, optionally summary and notes, and the body with
 * a hint on what HTML is kept.
 */
import { LIMITS } from '../domain-facts.ts';
import { TextArea, TextField, type FieldErrors } from '../web/forms.tsx';

export interface ChapterFieldValues {
  chapter_title: string;
  body: string;
  summary?: string;
  notes?: string;
  end_notes?: string;
}

export function BodyHint() {
  return (
    <>
      Plain text (a blank line starts a new paragraph) or HTML: paragraphs, line breaks, emphasis, headings, lists,
      blockquotes, rules, links, tables and images by https address. Anything else is removed. Up to{' '}
      {LIMITS.chapterBodyMax.toLocaleString('en')} characters.
    </>
  );
}

export function ChapterFields(props: { values: ChapterFieldValues; errors: FieldErrors; withNotes: boolean }) {
  const { values, errors, withNotes } = props;
  return (
    <>
      <TextField
        name="chapter_title"
        label="Chapter title"
        value={values.chapter_title}
        errors={errors}
        hint="Optional."
      />
      {withNotes ? (
        <>
          <TextArea name="summary" label="Chapter summary" value={values.summary} errors={errors} rows={3} />
          <TextArea name="notes" label="Chapter notes" value={values.notes} errors={errors} rows={3} />
        </>
      ) : null}
      <TextArea
        name="body"
        label="Chapter text"
        value={values.body}
        errors={errors}
        rows={20}
        required
        hint={<BodyHint />}
      />
      {withNotes ? (
        <TextArea name="end_notes" label="Chapter end notes" value={values.end_notes} errors={errors} rows={3} />
      ) : null}
    </>
  );
}
