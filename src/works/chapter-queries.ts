/**
 * SQL of a work's chapters: the chapters in order, one chapter, and the
 * writes that saving a work and the chapter commands (src/chapters/) make
 * (insert, update, delete, renumber, post). The callers wrap these in a
 * transaction and finish with refreshWorkStats.
 */
import type { Updateable } from 'kysely';
import type { ChaptersTable, NewChapter } from './chapters.table.ts';
import type { Db } from '../db/database.ts';
import type { ChapterInput } from './work-input.ts';
import { countWordsInHtml } from './word-count.ts';

/** A chapter's text as stored, with its word count: every writer (new work, new chapter, edit) counts the same way. */
export function chapterTextColumns(chapter: ChapterInput) {
  return {
    title: chapter.title,
    summary: chapter.summary,
    notes: chapter.notes,
    end_notes: chapter.endNotes,
    body: chapter.body,
    word_count: countWordsInHtml(chapter.body),
  };
}

/** The chapter list the manage page and the commands work from, in reading order. */
export async function listChapters(db: Db, workId: number) {
  return db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'is_posted', 'published_on', 'word_count'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export type ChapterListing = Awaited<ReturnType<typeof listChapters>>[number];

/** One chapter of a work (a chapter id under another work's URL is not found). */
export async function findChapter(db: Db, workId: number, chapterId: number) {
  return db
    .selectFrom('chapters')
    .selectAll()
    .where('work_id', '=', workId)
    .where('id', '=', chapterId)
    .executeTakeFirst();
}

/** What the chapter pages need to know about the work around them. */
export async function findChapterWork(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .select(['id', 'title', 'status', 'expected_chapters'])
    .where('id', '=', workId)
    .executeTakeFirst();
}

export async function insertChapter(db: Db, chapter: NewChapter): Promise<number> {
  const row = await db.insertInto('chapters').values(chapter).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChapter(db: Db, chapterId: number, changes: Updateable<ChaptersTable>): Promise<void> {
  await db.updateTable('chapters').set(changes).where('id', '=', chapterId).execute();
}

/** The id of a work's first posted chapter, which carries the work's publication date. */
export async function findFirstPostedChapterId(db: Db, workId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .where('is_posted', '=', 1)
    .orderBy('position')
    .executeTakeFirst();
  return row?.id;
}

/** Posts every chapter of a work on the given date (posting a draft work). */
export async function postWorkChapters(db: Db, workId: number, publishedOn: string): Promise<void> {
  await db
    .updateTable('chapters')
    .set({ is_posted: 1, published_on: publishedOn })
    .where('work_id', '=', workId)
    .execute();
}

export async function deleteChapterRow(db: Db, chapterId: number): Promise<void> {
  await db.deleteFrom('chapters').where('id', '=', chapterId).execute();
}

/** Writes positions 1..n in the given order of chapter ids. */
export async function renumberChapters(db: Db, workId: number, orderedIds: readonly number[]): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('chapters')
      .set({ position: index + 1 })
      .where('work_id', '=', workId)
      .where('id', '=', id)
      .where('position', '!=', index + 1)
      .execute();
  }
}

export async function setExpectedChapters(db: Db, workId: number, expected: number): Promise<void> {
  await db.updateTable('works').set({ expected_chapters: expected }).where('id', '=', workId).execute();
}
