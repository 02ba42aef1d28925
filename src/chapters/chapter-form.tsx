/**
 * The chapter form (add a chapter, edit a chapter): title, summary, notes,
 * body and end notes, with an optional preview of the cleaned chapter above
 * and the buttons that fit the chapter's state.
 */
import type { ChapterFormValues } from '../works/form-schema.ts';
import type { ChapterInput } from '../works/work-input.ts';
import { ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import { ChapterFields } from '../works/chapter-fields.tsx';

export interface ChapterFormProps {
  workId: number;
  workTitle: string;
  /** Absent for a new chapter. */
  chapterId?: number;
  values: ChapterFormValues;
  errors: FieldErrors;
  isWorkDraft: boolean;
  isChapterPosted: boolean;
  preview?: ChapterInput;
}

function ChapterPreview({ chapter }: { chapter: ChapterInput }) {
  const parts: Array<[string, string]> = [
    ['Chapter summary', chapter.summary],
    ['Chapter notes', chapter.notes],
  ];
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p class="notice">This is how the chapter will look. Nothing has been saved yet.</p>
      {chapter.title ? <h3>{chapter.title}</h3> : null}
      {parts.map(([heading, html]) =>
        html ? (
          <div class="preview-part">
            <h4>{heading}</h4>
            <div class="userstuff" dangerouslySetInnerHTML={{ __html: html }} />
          </div>
        ) : null,
      )}
      <div class="userstuff chapter-body" dangerouslySetInnerHTML={{ __html: chapter.body }} />
      {chapter.endNotes ? (
        <div class="preview-part">
          <h4>Chapter end notes</h4>
          <div class="userstuff" dangerouslySetInnerHTML={{ __html: chapter.endNotes }} />
        </div>
      ) : null}
    </section>
  );
}

function Buttons({
  isNew,
  isWorkDraft,
  isChapterPosted,
}: {
  isNew: boolean;
  isWorkDraft: boolean;
  isChapterPosted: boolean;
}) {
  const preview = (
    <button type="submit" name="action" value="preview" class="secondary">
      Preview
    </button>
  );
  if (isWorkDraft) {
    return (
      <div class="actions">
        {preview}
        <button type="submit" name="action" value={isNew ? 'draft' : 'save'}>
          Save chapter
        </button>
      </div>
    );
  }
  if (isChapterPosted) {
    return (
      <div class="actions">
        {preview}
        <button type="submit" name="action" value="save">
          Save changes
        </button>
      </div>
    );
  }
  return (
    <div class="actions">
      {preview}
      <button type="submit" name="action" value={isNew ? 'draft' : 'save'} class="secondary">
        Save as draft
      </button>
      <button type="submit" name="action" value="post">
        Post
      </button>
    </div>
  );
}

export function ChapterForm(props: ChapterFormProps) {
  const { workId, workTitle, chapterId, values, errors, isWorkDraft } = props;
  const isNew = chapterId === undefined;
  return (
    <div class="chapter-form">
      <h1>{isNew ? `Add a chapter to “${workTitle}”` : `Edit a chapter of “${workTitle}”`}</h1>
      <p>
        <a href={`/works/${workId}/chapters/manage`}>All chapters of this work</a>
      </p>
      {props.preview ? <ChapterPreview chapter={props.preview} /> : null}
      <ErrorSummary errors={errors} />
      {isWorkDraft ? <p class="hint">This work is a draft: its chapters are posted together with it.</p> : null}
      <form
        method="post"
        action={isNew ? `/works/${workId}/chapters/new` : `/works/${workId}/chapters/${chapterId}/edit`}
        id="form"
        novalidate
      >
        <ChapterFields values={values} errors={errors} withNotes />
        <Buttons isNew={isNew} isWorkDraft={isWorkDraft} isChapterPosted={props.isChapterPosted} />
      </form>
    </div>
  );
}
