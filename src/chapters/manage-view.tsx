/**
 * The manage-chapters page: every chapter of a work with a number input for
 * its position (one form, so the whole order is saved at once), its state,
 * words, and links to edit, delete or post it. Also the delete confirmation.
 */
import { ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import type { ChapterListing } from '../works/chapter-queries.ts';

export function chapterLabel(chapter: { position: number; title: string }): string {
  return chapter.title ? `Chapter ${chapter.position}: ${chapter.title}` : `Chapter ${chapter.position}`;
}

export interface ManageChaptersProps {
  workId: number;
  workTitle: string;
  isWorkDraft: boolean;
  chapters: ChapterListing[];
  /** Position inputs as typed (after an error) or as saved. */
  positions: Record<string, string>;
  errors: FieldErrors;
}

export function ManageChapters(props: ManageChaptersProps) {
  const { workId, workTitle, chapters, positions, errors } = props;
  return (
    <section class="manage-chapters">
      <h1>Chapters of “{workTitle}”</h1>
      <p class="actions">
        <a class="button" href={`/works/${workId}/chapters/new`}>
          Add a chapter
        </a>
        <a class="button secondary" href={`/works/${workId}`}>
          Back to the work
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/works/${workId}/chapters/manage`} id="form" novalidate>
        <p class="hint">Change the numbers to change the order, then save it.</p>
        <table class="chapter-table">
          <caption class="visually-hidden">Chapters, in reading order</caption>
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Chapter</th>
              <th scope="col">State</th>
              <th scope="col">Words</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {chapters.map((chapter) => {
              const name = `position_${chapter.id}`;
              return (
                <tr class={errors[name] ? 'has-error' : undefined}>
                  <td>
                    <label for={name} class="visually-hidden">
                      Position of {chapterLabel(chapter)}
                    </label>
                    <input
                      id={name}
                      name={name}
                      type="number"
                      min="1"
                      class="position-input"
                      value={positions[name] ?? String(chapter.position)}
                      aria-invalid={errors[name] ? 'true' : undefined}
                      aria-describedby={errors[name] ? `${name}-error` : undefined}
                    />
                    {errors[name] ? (
                      <p class="field-error" id={`${name}-error`}>
                        {errors[name]}
                      </p>
                    ) : null}
                  </td>
                  <th scope="row">{chapterLabel(chapter)}</th>
                  <td>{chapter.is_posted ? `Posted ${chapter.published_on ?? ''}` : 'Draft'}</td>
                  <td>{chapter.word_count.toLocaleString('en')}</td>
                  <td class="row-actions">
                    <a href={`/works/${workId}/chapters/${chapter.id}/edit`}>Edit</a>{' '}
                    {chapters.length > 1 ? <a href={`/works/${workId}/chapters/${chapter.id}/delete`}>Delete</a> : null}{' '}
                    {!chapter.is_posted && !props.isWorkDraft ? (
                      <button
                        type="submit"
                        class="link-button"
                        formaction={`/works/${workId}/chapters/${chapter.id}/post`}
                      >
                        Post
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="actions">
          <button type="submit">Save order</button>
        </div>
      </form>
    </section>
  );
}

const REFUSALS = {
  only_chapter:
    'This is the only chapter of the work, and a work needs at least one. To remove it, delete the whole work.',
  last_posted_chapter:
    'This is the only posted chapter; readers would find the work empty. Post another chapter first, or delete the whole work.',
} as const;

export function DeleteChapterConfirm(props: {
  workId: number;
  chapter: { id: number; position: number; title: string };
  refusal: keyof typeof REFUSALS | null;
}) {
  const { workId, chapter, refusal } = props;
  return (
    <section class="confirm">
      <h1>Delete {chapterLabel(chapter)}?</h1>
      {refusal ? (
        <>
          <p class="flash-error">{REFUSALS[refusal]}</p>
          <p class="actions">
            <a class="button secondary" href={`/works/${workId}/chapters/manage`}>
              Back to the chapters
            </a>
            <a class="button secondary" href={`/works/${workId}/delete`}>
              Delete the whole work
            </a>
          </p>
        </>
      ) : (
        <form method="post" action={`/works/${workId}/chapters/${chapter.id}/delete`} class="actions">
          <p>The chapter and its text are deleted for good; later chapters move up one place.</p>
          <button type="submit">Yes, delete this chapter</button>
          <a class="button secondary" href={`/works/${workId}/chapters/manage`}>
            No, keep it
          </a>
        </form>
      )}
    </section>
  );
}

export function refusalMessage(refusal: keyof typeof REFUSALS): string {
  return REFUSALS[refusal];
}
