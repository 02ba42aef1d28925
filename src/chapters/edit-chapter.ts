/**
 * Changes a chapter's text and notes, and posts a draft chapter. Editing a
 * posted chapter keeps its date (a fix is not an update readers should be
 * told about); posting a draft dates it today and so updates the work, and
 * records a `chapter.posted` outbox event for whoever follows the work.
 */
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { refreshWorkStats, today } from '../works/queries.ts';
import type { ChapterInput } from '../works/work-input.ts';
import { chapterTextColumns, findChapter, findChapterWork, updateChapter } from '../works/chapter-queries.ts';

export class ChapterNotFoundError extends Error {}

export async function editChapter(
  db: Db,
  workId: number,
  chapterId: number,
  chapter: ChapterInput,
  options: { post: boolean },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findChapter(trx, workId, chapterId);
    if (!current) throw new ChapterNotFoundError(`No chapter ${chapterId} in work ${workId}`);
    await updateChapter(trx, chapterId, {
      ...chapterTextColumns(chapter),
      updated_at: new Date().toISOString(),
    });
    if (options.post) await markPosted(trx, workId, current);
    await refreshWorkStats(trx, workId);
  });
}

export async function postChapter(db: Db, workId: number, chapterId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findChapter(trx, workId, chapterId);
    if (!current) throw new ChapterNotFoundError(`No chapter ${chapterId} in work ${workId}`);
    await markPosted(trx, workId, current);
    await refreshWorkStats(trx, workId);
  });
}

async function markPosted(db: Db, workId: number, chapter: { id: number; is_posted: number }): Promise<void> {
  const work = await findChapterWork(db, workId);
  // A draft work's chapters are posted together with the work.
  if (chapter.is_posted === 1 || work?.status !== 'posted') return;
  await updateChapter(db, chapter.id, { is_posted: 1, published_on: today() });
  await recordEvent(db, 'chapter.posted', { workId, chapterId: chapter.id });
}
