/**
 * A chapter on the reading page (heading, summary, notes, text, end notes)
 * and the chapter navigation: previous/next, "Entire work", and a chapter
 * index that is a <select> in a GET form, so it works without JavaScript.
 */
import type { ChapterForDisplay } from './display-queries.ts';

/** A chapter the viewer may read, numbered among those they may read. */
export interface VisibleChapter extends ChapterForDisplay {
  number: number;
}

export function chapterPath(workId: number, chapterId: number): string {
  return `/works/${workId}/chapters/${chapterId}`;
}

/** "Chapter 2: The Ferry", or the title alone (or nothing) for a one-chapter work. */
export function chapterHeading(chapter: VisibleChapter, multi: boolean): string {
  if (!multi) return chapter.title;
  return chapter.title ? `Chapter ${chapter.number}: ${chapter.title}` : `Chapter ${chapter.number}`;
}

export function ChapterText({
  chapter,
  multi,
  language,
}: {
  chapter: VisibleChapter;
  multi: boolean;
  language: string;
}) {
  const heading = chapterHeading(chapter, multi);
  const headingId = `chapter-${chapter.number}-heading`;
  return (
    <section class="chapter" id={`chapter-${chapter.number}`} aria-labelledby={headingId}>
      <h2 class={heading ? 'chapter-title' : 'visually-hidden'} id={headingId}>
        {heading || 'Work text'}
        {chapter.isPosted ? null : <span class="flag draft-flag"> Draft</span>}
      </h2>
      {chapter.summary ? (
        <section class="chapter-summary">
          <h3>Chapter Summary</h3>
          <blockquote class="userstuff" lang={language} dangerouslySetInnerHTML={{ __html: chapter.summary }} />
        </section>
      ) : null}
      {chapter.notes ? (
        <section class="chapter-notes">
          <h3>Chapter Notes</h3>
          <div class="userstuff" lang={language} dangerouslySetInnerHTML={{ __html: chapter.notes }} />
        </section>
      ) : null}
      <div class="userstuff chapter-body" lang={language} dangerouslySetInnerHTML={{ __html: chapter.body }} />
      {chapter.endNotes ? (
        <section class="chapter-end-notes">
          <h3>Chapter End Notes</h3>
          <div class="userstuff" lang={language} dangerouslySetInnerHTML={{ __html: chapter.endNotes }} />
        </section>
      ) : null}
    </section>
  );
}

interface ChapterNavProps {
  workId: number;
  chapters: VisibleChapter[];
  shown: VisibleChapter[];
  mode: 'work' | 'full' | 'chapter';
  place: 'top' | 'bottom';
}

export function ChapterNav({ workId, chapters, shown, mode, place }: ChapterNavProps) {
  const current = mode === 'full' ? undefined : shown[0];
  const index = current ? chapters.findIndex((ch) => ch.id === current.id) : -1;
  const previous = index > 0 ? chapters[index - 1] : undefined;
  const next = index >= 0 ? chapters[index + 1] : undefined;
  const selectId = `chapter-index-${place}`;
  return (
    <nav class="chapter-nav" aria-label={place === 'top' ? 'Chapters' : 'Chapters, end of page'}>
      {previous ? (
        <a rel="prev" href={chapterPath(workId, previous.id)}>
          ← Previous chapter
        </a>
      ) : null}
      <form method="get" action={`/works/${workId}/navigate`} class="chapter-index">
        <label for={selectId}>Chapter index</label>
        <select id={selectId} name="chapter">
          {chapters.map((ch) => (
            <option value={String(ch.id)} selected={ch.id === current?.id}>
              {chapterHeading(ch, true)}
              {ch.isPosted ? '' : ' (Draft)'}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Go
        </button>
      </form>
      {next ? (
        <a rel="next" href={chapterPath(workId, next.id)}>
          Next chapter →
        </a>
      ) : null}
      {mode === 'full' ? (
        <a href={chapterPath(workId, chapters[0].id)}>Chapter by chapter</a>
      ) : (
        <a href={`/works/${workId}?view_full_work=true`}>Entire work</a>
      )}
    </nav>
  );
}
