/**
 * A member's readings on a work's page (a reading extra) and under blurbs (a
 * blurb extra). Loading the work page also records the visit — one upsert,
 * members only: a guest's request asks nothing of the readings tables.
 */
import type { BlurbExtra } from '../web/blurb-extras.ts';
import type { ReadingExtra } from '../works/reading-extras.ts';
import { can } from './policy.ts';
import { clearMarkForLater, findReading, findReadings, recordVisit } from './queries.ts';
import { ContinueReading, HistoryLine, MarkForLaterButton, StatusForm, UpdatedFlag } from './views.tsx';

export const readingsExtra: ReadingExtra = {
  name: 'readings',
  place: 'actions',
  async load({ db, viewer, access, work, chapterId, shownChapterIds, returnTo }) {
    if (!viewer || !can(viewer, 'keep-reading', access)) return null;
    // What the reader had before this visit: the chapter to continue from, and what was new since.
    const { reading, isHistoryOff } = await findReading(db, viewer.id, work.id);
    if (!isHistoryOff) {
      await recordVisit(db, {
        userId: viewer.id,
        workId: work.id,
        chapterId,
        firstChapterId: chapterId === null && shownChapterIds.length === 1 ? shownChapterIds[0] : null,
        postedChapters: work.chapterIds.length,
        at: new Date(),
      });
    } else if (reading?.isMarkedForLater) {
      await clearMarkForLater(db, viewer.id, work.id);
    }
    const shown = chapterId ?? (shownChapterIds.length === 1 ? shownChapterIds[0] : undefined);
    return (
      <div class="reading-actions">
        <p>
          <ContinueReading workId={work.id} reading={reading} shownChapterId={shown} />{' '}
          <UpdatedFlag reading={reading} />
        </p>
        {/* Opening the work took it off the list; the button puts it back. */}
        <MarkForLaterButton workId={work.id} marked={false} returnTo={returnTo} />
        <StatusForm workId={work.id} reading={reading} returnTo={returnTo} />
      </div>
    );
  },
};

export function readingsPath(username: string): string {
  return `/users/${encodeURIComponent(username)}/readings`;
}

export const readingsBlurbExtra: BlurbExtra = {
  name: 'readings',
  async load({ db, viewer, workIds, listingPath, returnTo }) {
    const readings = new Map((await findReadings(db, viewer.id, workIds)).map((r) => [r.workId, r]));
    const onHistoryPage = listingPath === readingsPath(viewer.username);
    const lines = new Map();
    for (const workId of workIds) {
      const reading = readings.get(workId) ?? null;
      lines.set(
        workId,
        <div class="blurb-readings">
          {reading ? <HistoryLine reading={reading} returnTo={returnTo} canDelete={onHistoryPage} /> : null}
          <p>
            <ContinueReading workId={workId} reading={reading} /> <UpdatedFlag reading={reading} />
          </p>
          <MarkForLaterButton workId={workId} marked={!!reading?.isMarkedForLater} returnTo={returnTo} />
        </div>,
      );
    }
    return lines;
  },
};
