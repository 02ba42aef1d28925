/**
 * The readings controls a member sees: on the work page (continue reading,
 * updated since the last visit, Mark for later, the reading status form)
 * and under each blurb (the same, shorter, plus the history's own line).
 * Every control is a plain POST form that comes back with a flash.
 */
import type { ReadingState } from './queries.ts';
import { READING_STATUSES, type ReadingStatus } from './readings.table.ts';

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  reading: 'Reading',
  finished: 'Finished',
  'on-hold': 'On hold',
  dropped: 'Dropped',
};

export function continuePath(workId: number, chapterId: number): string {
  return `/works/${workId}/chapters/${chapterId}`;
}

export function MarkForLaterButton(props: { workId: number; marked: boolean; returnTo: string }) {
  return (
    <form method="post" action={`/readings/${props.workId}/later`} class="later-form">
      <input type="hidden" name="marked" value={props.marked ? '0' : '1'} />
      <input type="hidden" name="return_to" value={props.returnTo} />
      <button type="submit">{props.marked ? 'Marked for later (remove)' : 'Mark for later'}</button>
    </form>
  );
}

export function ContinueReading(props: { workId: number; reading: ReadingState | null; shownChapterId?: number }) {
  const r = props.reading;
  if (!r?.lastChapterId || r.lastChapterId === props.shownChapterId) return null;
  return (
    <a class="continue-reading" href={continuePath(props.workId, r.lastChapterId)}>
      Continue reading (Chapter {r.lastChapterPosition})
    </a>
  );
}

export function UpdatedFlag({ reading }: { reading: ReadingState | null }) {
  return reading?.isUpdatedSinceVisit ? <span class="flag updated-since">Updated since last visit</span> : null;
}

export function StatusForm(props: { workId: number; reading: ReadingState | null; returnTo: string }) {
  const r = props.reading;
  return (
    <details class="reading-status" open={!!r?.status}>
      <summary>
        Your reading status{r?.status ? `: ${STATUS_LABELS[r.status]}` : ''}
        {r?.rating ? ` · your rating ${r.rating}/5` : ''}
      </summary>
      <form method="post" action={`/readings/${props.workId}/status`}>
        <input type="hidden" name="return_to" value={props.returnTo} />
        <label>
          Status{' '}
          <select name="status">
            <option value="">None</option>
            {READING_STATUSES.map((s) => (
              <option value={s} selected={r?.status === s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Your rating{' '}
          <select name="rating">
            <option value="">None</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option value={String(n)} selected={r?.rating === n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label class="block">
          Private note
          <textarea name="note" rows={3} maxlength={2000}>
            {r?.note ?? ''}
          </textarea>
        </label>
        <button type="submit">Save status</button>
      </form>
    </details>
  );
}

/** The history's line under a blurb: when, how often, which chapter; and taking it out of the history. */
export function HistoryLine(props: { reading: ReadingState; returnTo: string; canDelete: boolean }) {
  const r = props.reading;
  if (!r.visitedAt) return null;
  return (
    <p class="history-line">
      Last visited {r.visitedAt.slice(0, 10)} · Visited {r.visitCount} {r.visitCount === 1 ? 'time' : 'times'}
      {r.lastChapterPosition ? ` · Last read: Chapter ${r.lastChapterPosition}` : ''}
      {props.canDelete ? (
        <form method="post" action={`/readings/${r.workId}/delete`} class="inline-form">
          <input type="hidden" name="return_to" value={props.returnTo} />
          <button type="submit">Delete from history</button>
        </form>
      ) : null}
    </p>
  );
}
