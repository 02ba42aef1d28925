/**
 * Adds a chapter at the end of a work, as a draft or posted. A posted
 * chapter is dated today, which makes it the work's updated date; a work
 * that now has more chapters than expected expects that many. Posting one
 * records a `chapter.posted` outbox event in the same transaction.
 */
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { refreshWorkStats, today } from '../works/queries.ts';
import type { ChapterInput } from '../works/work-input.ts';
import {
  chapterTextColumns,
  findChapterWork,
  insertChapter,
  listChapters,
  setExpectedChapters,
} from '../works/chapter-queries.ts';

export async function addChapter(
  db: Db,
  workId: number,
  chapter: ChapterInput,
  options: { post: boolean },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const work = await findChapterWork(trx, workId);
    if (!work) throw new Error(`No work ${workId}`);
    const existing = await listChapters(trx, workId);
    // In a draft work every chapter waits for the work to be posted.
    const post = options.post && work.status === 'posted';
    const now = new Date().toISOString();
    const chapterId = await insertChapter(trx, {
      work_id: workId,
      position: existing.length + 1,
      ...chapterTextColumns(chapter),
      is_posted: post ? 1 : 0,
      published_on: post ? today() : null,
      created_at: now,
      updated_at: now,
    });
    if (work.expected_chapters !== null && existing.length + 1 > work.expected_chapters) {
      await setExpectedChapters(trx, workId, existing.length + 1);
    }
    await refreshWorkStats(trx, workId);
    if (post) await recordEvent(trx, 'chapter.posted', { workId, chapterId });
    return chapterId;
  });
}
