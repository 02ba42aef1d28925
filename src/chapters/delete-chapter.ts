/**
 * Deletes a chapter and closes the gap it leaves, so positions stay 1..n.
 * Refuses to delete a work's only chapter (delete the work instead) or the
 * last posted chapter of a posted work (readers would find it empty).
 */
import type { Db } from '../db/database.ts';
import { refreshWorkStats } from '../works/queries.ts';
import { deleteChapterRow, findChapterWork, listChapters, renumberChapters } from '../works/chapter-queries.ts';

export type DeleteChapterResult = 'deleted' | 'not_found' | 'only_chapter' | 'last_posted_chapter';

export async function deleteChapter(db: Db, workId: number, chapterId: number): Promise<DeleteChapterResult> {
  return db.transaction().execute(async (trx) => {
    const chapters = await listChapters(trx, workId);
    const chapter = chapters.find((c) => c.id === chapterId);
    if (!chapter) return 'not_found';
    const why = whyCannotDeleteChapter(chapters, chapter, (await findChapterWork(trx, workId))?.status);
    if (why) return why;
    await deleteChapterRow(trx, chapterId);
    await renumberChapters(
      trx,
      workId,
      chapters.filter((c) => c.id !== chapterId).map((c) => c.id),
    );
    await refreshWorkStats(trx, workId);
    return 'deleted';
  });
}

/** Why a chapter may not be deleted, or null when it may. */
export function whyCannotDeleteChapter(
  chapters: ReadonlyArray<{ id: number; is_posted: number }>,
  chapter: { id: number; is_posted: number },
  workStatus: string | undefined,
): 'only_chapter' | 'last_posted_chapter' | null {
  if (chapters.length <= 1) return 'only_chapter';
  const postedLeft = chapters.filter((c) => c.id !== chapter.id && c.is_posted === 1).length;
  if (workStatus === 'posted' && chapter.is_posted === 1 && postedLeft === 0) return 'last_posted_chapter';
  return null;
}
