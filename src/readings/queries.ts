/**
 * SQL of readings: a member's history, marked for later and reading
 * statuses (migration 0023). Every list that names works composes the
 * visibility predicate (`listedWorks`), so a work the reader may no longer
 * see never shows its title here.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { listedWorks, type WorkAudience } from '../visibility/index.ts';
import type { ReadingStatus } from './readings.table.ts';

/** What the work page and the blurbs show of one reading: null fields when the reader has none. */
export interface ReadingState {
  workId: number;
  visitedAt: string | null;
  visitCount: number;
  lastChapterId: number | null;
  /** The position of the last chapter read, when it is still posted. */
  lastChapterPosition: number | null;
  isMarkedForLater: boolean;
  isUpdatedSinceVisit: boolean;
  status: ReadingStatus | null;
  note: string | null;
  rating: number | null;
}

/** The reader's reading of one work, and whether their history is off. */
export async function findReading(
  db: Db,
  userId: number,
  workId: number,
): Promise<{ reading: ReadingState | null; isHistoryOff: boolean }> {
  const [reading] = await findReadings(db, userId, [workId]);
  const setting = await db
    .selectFrom('reading_settings')
    .select('is_history_off')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { reading: reading ?? null, isHistoryOff: setting?.is_history_off === 1 };
}

/** The reader's readings of these works (a page of blurbs): one query. */
export async function findReadings(db: Db, userId: number, workIds: readonly number[]): Promise<ReadingState[]> {
  if (!workIds.length) return [];
  const rows = await db
    .selectFrom('readings as r')
    .innerJoin('works as w', 'w.id', 'r.work_id')
    .leftJoin('chapters as ch', (j) => j.onRef('ch.id', '=', 'r.last_chapter_id').on('ch.is_posted', '=', 1))
    .select([
      'r.work_id',
      'r.visited_at',
      'r.visit_count',
      'r.last_chapter_id',
      'ch.position as chapter_position',
      'r.is_marked_for_later',
      'r.chapters_seen',
      'w.posted_chapters',
      'r.status',
      'r.note',
      'r.rating',
    ])
    .where('r.user_id', '=', userId)
    .where('r.work_id', 'in', [...workIds])
    .execute();
  return rows.map((r) => ({
    workId: r.work_id,
    visitedAt: r.visited_at,
    visitCount: r.visit_count,
    lastChapterId: r.chapter_position === null ? null : r.last_chapter_id,
    lastChapterPosition: r.chapter_position,
    isMarkedForLater: r.is_marked_for_later === 1,
    isUpdatedSinceVisit: r.visited_at !== null && r.posted_chapters > r.chapters_seen,
    status: r.status,
    note: r.note,
    rating: r.rating,
  }));
}

export interface Visit {
  userId: number;
  workId: number;
  /** The chapter shown alone, which becomes the last one read. */
  chapterId: number | null;
  /** On the work's own page, its first chapter: the last one read only when none was yet. */
  firstChapterId: number | null;
  postedChapters: number;
  at: Date;
}

/**
 * One visit, as one upsert: the date, one more visit, the chapter read, the chapters posted now, and off the
 * marked-for-later list (as on AO3, opening the work is reading it).
 */
export async function recordVisit(db: Db, visit: Visit): Promise<void> {
  const at = visit.at.toISOString();
  const chapter = visit.chapterId ?? visit.firstChapterId;
  await db
    .insertInto('readings')
    .values({
      user_id: visit.userId,
      work_id: visit.workId,
      visited_at: at,
      visit_count: 1,
      last_chapter_id: chapter,
      chapters_seen: visit.postedChapters,
      is_marked_for_later: 0,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
        visited_at: at,
        visit_count: eb(eb.ref('readings.visit_count'), '+', 1),
        // The work's own page keeps the chapter a reader stopped at, so "Continue reading" survives it.
        last_chapter_id:
          visit.chapterId !== null ? visit.chapterId : eb.fn.coalesce('readings.last_chapter_id', sql.lit(chapter)),
        chapters_seen: visit.postedChapters,
        is_marked_for_later: 0,
      })),
    )
    .execute();
}

/** With the history off, opening a work still takes it off the marked-for-later list. */
export async function clearMarkForLater(db: Db, userId: number, workId: number): Promise<void> {
  await db
    .updateTable('readings')
    .set({ is_marked_for_later: 0 })
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .execute();
  await deleteEmptyReadings(db, userId);
}

export async function setMarkForLater(db: Db, userId: number, workId: number, marked: boolean, at: Date) {
  if (marked) {
    await db
      .insertInto('readings')
      .values({ user_id: userId, work_id: workId, is_marked_for_later: 1, marked_at: at.toISOString() })
      .onConflict((oc) =>
        oc.columns(['user_id', 'work_id']).doUpdateSet({ is_marked_for_later: 1, marked_at: at.toISOString() }),
      )
      .execute();
    return;
  }
  await clearMarkForLater(db, userId, workId);
}

export interface StatusInput {
  status: ReadingStatus | null;
  note: string | null;
  rating: number | null;
}

/** Sets (or, all empty, clears) the reader's status, note and rating of a work. */
export async function setReadingStatus(db: Db, userId: number, workId: number, input: StatusInput, at: Date) {
  const values = { status: input.status, note: input.note, rating: input.rating, status_updated_at: at.toISOString() };
  await db
    .insertInto('readings')
    .values({ user_id: userId, work_id: workId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet(values))
    .execute();
  await deleteEmptyReadings(db, userId);
}

const noVisit = { visited_at: null, visit_count: 0, last_chapter_id: null, chapters_seen: 0 } as const;

/** Takes one work out of the history (a mark for later or a status stays). */
export async function deleteHistoryEntry(db: Db, userId: number, workId: number): Promise<number> {
  const result = await db
    .updateTable('readings')
    .set(noVisit)
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .where('visited_at', 'is not', null)
    .executeTakeFirst();
  await deleteEmptyReadings(db, userId);
  return Number(result.numUpdatedRows);
}

/** Clears the whole history. */
export async function clearHistory(db: Db, userId: number): Promise<void> {
  await db.updateTable('readings').set(noVisit).where('user_id', '=', userId).execute();
  await deleteEmptyReadings(db, userId);
}

/** Rows that no longer hold a visit, a mark or a status. */
async function deleteEmptyReadings(db: Db, userId: number) {
  await db
    .deleteFrom('readings')
    .where('user_id', '=', userId)
    .where('visited_at', 'is', null)
    .where('is_marked_for_later', '=', 0)
    .where('status', 'is', null)
    .where('note', 'is', null)
    .where('rating', 'is', null)
    .execute();
}

export async function isHistoryOff(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('reading_settings')
    .select('is_history_off')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.is_history_off === 1;
}

export async function setHistoryOff(db: Db, userId: number, off: boolean): Promise<void> {
  await db
    .insertInto('reading_settings')
    .values({ user_id: userId, is_history_off: off ? 1 : 0 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ is_history_off: off ? 1 : 0 }))
    .execute();
}

/** For the API: a page of a member's readings of works this audience may see, newest first. */
export async function listReadings(
  db: Db,
  userId: number,
  audience: WorkAudience,
  options: { list: 'history' | 'to-read' | 'status'; limit: number; offset: number },
) {
  let query = db
    .selectFrom('readings as r')
    .innerJoin('works as w', 'w.id', 'r.work_id')
    .select(['r.work_id', 'w.title'])
    .where('r.user_id', '=', userId)
    .where((eb) => listedWorks(eb, audience, 'w'));
  if (options.list === 'history') query = query.where('r.visited_at', 'is not', null).orderBy('r.visited_at', 'desc');
  else if (options.list === 'to-read')
    query = query.where('r.is_marked_for_later', '=', 1).orderBy('r.marked_at', 'desc');
  else query = query.where('r.status', 'is not', null).orderBy('r.status_updated_at', 'desc');
  return query.orderBy('r.work_id', 'desc').limit(options.limit).offset(options.offset).execute();
}

/**
 * KOReader reported the reader in a work's chapter `number` (1-based among its posted chapters, as in the
 * EPUB): that chapter becomes the last one read. It keeps the visit count (an e-reader syncs often) but
 * dates the visit, so the history shows the work. Nothing when the history is off.
 */
export async function recordEreaderChapter(db: Db, userId: number, workId: number, number: number): Promise<void> {
  if (await isHistoryOff(db, userId)) return;
  const chapters = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .where('is_posted', '=', 1)
    .orderBy('position')
    .execute();
  const chapter = chapters[number - 1];
  if (!chapter) return;
  const at = new Date().toISOString();
  await db
    .insertInto('readings')
    .values({
      user_id: userId,
      work_id: workId,
      visited_at: at,
      visit_count: 1,
      last_chapter_id: chapter.id,
      chapters_seen: chapters.length,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
        visited_at: at,
        visit_count: eb.fn.coalesce(eb.ref('readings.visit_count'), sql.lit(1)),
        last_chapter_id: chapter.id,
        chapters_seen: chapters.length,
        is_marked_for_later: 0,
      })),
    )
    .execute();
}
