/** "On your e-reader: chapter 3 (42%)" under a work's details, when KOReader synced a position for it (a reading extra). */
import type { ReadingExtra } from '../works/reading-extras.ts';
import { findProgress } from './queries.ts';

export const koreaderExtra: ReadingExtra = {
  name: 'koreader',
  place: 'actions',
  async load({ db, viewer, work }) {
    if (!viewer) return null;
    const saved = await findProgress(db, viewer.id, work.id);
    if (!saved) return null;
    const percent = `${Math.round(saved.percentage * 100)}%`;
    const chapterId = saved.chapter_number === null ? undefined : work.chapterIds[saved.chapter_number - 1];
    const where =
      saved.chapter_number === null ? (
        'the start'
      ) : chapterId !== undefined && work.chapterIds.length > 1 ? (
        <a href={`/works/${work.id}/chapters/${chapterId}`}>chapter {saved.chapter_number}</a>
      ) : saved.chapter_number > work.chapterIds.length ? (
        'the end'
      ) : (
        `chapter ${saved.chapter_number}`
      );
    return (
      <p class="ereader-progress">
        On your e-reader: {where} ({percent})
      </p>
    );
  },
};
