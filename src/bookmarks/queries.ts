/**
 * SQL of bookmarks: saving one (the row, its tags and `works.bookmarks_count`
 * — public bookmarks only — in one transaction), deleting it, and the
 * listings of a work's and a user's bookmarks with their tags.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import { listedWorks, type WorkAudience, type WorkStateRow } from '../visibility/index.ts';
import type { Bookmark } from './bookmarks.table.ts';
import type { Tables } from '../db/database.ts';

export interface BookmarkInput {
  workId: number;
  pseudId: number;
  userId: number;
  notes: string;
  isRec: boolean;
  isPrivate: boolean;
  tags: readonly string[];
}

export async function findBookmark(db: Db, id: number): Promise<Bookmark | undefined> {
  return db.selectFrom('bookmarks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The viewer's bookmark of a work (any of their pseuds), if they made one. */
export async function findOwnBookmark(db: Db, userId: number, workId: number): Promise<Bookmark | undefined> {
  return db
    .selectFrom('bookmarks')
    .selectAll()
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function tagsOf(db: Db, bookmarkIds: readonly number[]): Promise<Map<number, string[]>> {
  const byBookmark = new Map<number, string[]>();
  if (!bookmarkIds.length) return byBookmark;
  const rows = await db
    .selectFrom('bookmark_tags')
    .select(['bookmark_id', 'name'])
    .where('bookmark_id', 'in', [...bookmarkIds])
    .orderBy('id')
    .execute();
  for (const row of rows) byBookmark.set(row.bookmark_id, [...(byBookmark.get(row.bookmark_id) ?? []), row.name]);
  return byBookmark;
}

/** The pseud of this user with this id, or their default pseud when none is named. */
export async function pseudOfUser(db: Db, userId: number, pseudId: number | null): Promise<number | undefined> {
  let query = db.selectFrom('pseuds').select('id').where('user_id', '=', userId);
  query = pseudId ? query.where('id', '=', pseudId) : query.where('is_default', '=', 1);
  return (await query.executeTakeFirst())?.id;
}

export async function listPseuds(db: Db, userId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('pseuds').select(['id', 'name']).where('user_id', '=', userId).orderBy('id').execute();
}

async function adjustCount(trx: Db, workId: number, delta: number): Promise<void> {
  if (!delta) return;
  await trx
    .updateTable('works')
    .set({ bookmarks_count: sql`bookmarks_count + ${delta}` })
    .where('id', '=', workId)
    .execute();
}

async function replaceTags(trx: Db, bookmarkId: number, tags: readonly string[]): Promise<void> {
  await trx.deleteFrom('bookmark_tags').where('bookmark_id', '=', bookmarkId).execute();
  if (tags.length)
    await trx
      .insertInto('bookmark_tags')
      .values(tags.map((name) => ({ bookmark_id: bookmarkId, name })))
      .execute();
}

/** Adds a bookmark; null when this pseud already bookmarked the work (the unique index decides a race). */
export async function insertBookmark(db: Db, input: BookmarkInput, now = new Date()): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('bookmarks')
      .values({
        work_id: input.workId,
        pseud_id: input.pseudId,
        user_id: input.userId,
        notes: input.notes,
        is_rec: input.isRec ? 1 : 0,
        is_private: input.isPrivate ? 1 : 0,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    await replaceTags(trx, inserted.id, input.tags);
    await adjustCount(trx, input.workId, input.isPrivate ? 0 : 1);
    return inserted.id;
  });
}

/** Changes a bookmark's notes, tags and flags; the public count follows the private flag. */
export async function updateBookmark(
  db: Db,
  id: number,
  input: Pick<BookmarkInput, 'notes' | 'isRec' | 'isPrivate' | 'tags'>,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('bookmarks')
      .select(['work_id', 'is_private'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) return;
    await trx
      .updateTable('bookmarks')
      .set({
        notes: input.notes,
        is_rec: input.isRec ? 1 : 0,
        is_private: input.isPrivate ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await replaceTags(trx, id, input.tags);
    await adjustCount(trx, before.work_id, (before.is_private ? 1 : 0) - (input.isPrivate ? 1 : 0));
  });
}

export async function deleteBookmark(db: Db, id: number): Promise<void> {
  await db.transaction().execute((trx) => deleteBookmarkInside(trx, id));
}

/** The same, inside the caller's transaction (a moderator's report resolution). */
export async function deleteBookmarkInside(trx: Db, id: number): Promise<void> {
  const gone = await trx
    .deleteFrom('bookmarks')
    .where('id', '=', id)
    .returning(['work_id', 'is_private', 'is_hidden'])
    .executeTakeFirst();
  if (gone) await adjustCount(trx, gone.work_id, gone.is_private || gone.is_hidden ? 0 : -1);
}

/** Hides or shows a bookmark (a moderator's resolution); a public one leaves or rejoins its work's count. */
export async function setBookmarkHidden(trx: Db, id: number, reason: string | null): Promise<void> {
  const row = await trx
    .updateTable('bookmarks')
    .set({ is_hidden: reason === null ? 0 : 1, hidden_reason: reason })
    .where('id', '=', id)
    .where('is_hidden', '=', reason === null ? 1 : 0)
    .returning(['work_id', 'is_private'])
    .executeTakeFirst();
  if (row && !row.is_private) await adjustCount(trx, row.work_id, reason === null ? 1 : -1);
}

/**
 * Bookmarks this person may see in a listing: a hidden bookmark only by its owner and by moderators
 * (policy.ts `seesHiddenBookmarks`). The one home of "hidden bookmark"; every listing asks it. The query
 * names the bookmarks table `b`.
 */
export function shownBookmarks<DB, TB extends keyof DB>(
  outer: ExpressionBuilder<DB, TB>,
  watcher: { viewerId: number | null; seesHidden: boolean },
): Expression<SqlBool> {
  const eb = outer as unknown as ExpressionBuilder<Tables & { b: Tables['bookmarks'] }, 'b'>;
  if (watcher.seesHidden) return eb.lit(true);
  if (watcher.viewerId === null) return eb('b.is_hidden', '=', 0);
  return eb.or([eb('b.is_hidden', '=', 0), eb('b.user_id', '=', watcher.viewerId)]);
}

export type BookmarkWatcher = Parameters<typeof shownBookmarks>[1];

export interface BookmarkRow extends WorkStateRow {
  id: number;
  work_id: number;
  user_id: number;
  notes: string;
  is_rec: number;
  is_private: number;
  created_at: string;
  bookmark_hidden: number;
  bookmark_hidden_reason: string | null;
  pseud_name: string;
  username: string;
  title: string;
}

function bookmarkRows(db: Db) {
  return db
    .selectFrom('bookmarks as b')
    .innerJoin('works as w', 'w.id', 'b.work_id')
    .innerJoin('pseuds as p', 'p.id', 'b.pseud_id')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select([
      'b.id',
      'b.work_id',
      'b.user_id',
      'b.notes',
      'b.is_rec',
      'b.is_private',
      'b.created_at',
      'b.is_hidden as bookmark_hidden',
      'b.hidden_reason as bookmark_hidden_reason',
      'p.name as pseud_name',
      'u.username',
      'w.title',
      'w.status',
      'w.is_hidden',
      'w.is_held',
      'w.is_restricted',
      'w.is_anonymous',
      'w.is_unrevealed',
      'w.deleted_at',
    ]);
}

export const BOOKMARKS_PER_PAGE = 20;

/** A work's public bookmarks, newest first, leaving out muted bookmarkers; the caller has checked the work. */
export async function listWorkBookmarks(
  db: Db,
  workId: number,
  mutedIds: readonly number[],
  page: number,
  watcher: BookmarkWatcher,
): Promise<BookmarkRow[]> {
  let query = bookmarkRows(db)
    .where('b.work_id', '=', workId)
    .where('b.is_private', '=', 0)
    .where((eb) => shownBookmarks(eb, watcher));
  if (mutedIds.length) query = query.where('b.user_id', 'not in', [...mutedIds]);
  return query
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(BOOKMARKS_PER_PAGE)
    .offset((page - 1) * BOOKMARKS_PER_PAGE)
    .execute();
}

/**
 * A user's bookmarks, newest first. Their owner sees all of them, whatever became of the work (the page
 * then says so without the title); anyone else sees public bookmarks of works this audience may see.
 */
export async function listUserBookmarks(
  db: Db,
  userId: number,
  others: WorkAudience | null,
  page: number,
  watcher: BookmarkWatcher,
): Promise<BookmarkRow[]> {
  let query = bookmarkRows(db)
    .where('b.user_id', '=', userId)
    .where((eb) => shownBookmarks(eb, watcher));
  if (others) query = query.where('b.is_private', '=', 0).where((eb) => listedWorks(eb, others, 'w'));
  return query
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(BOOKMARKS_PER_PAGE)
    .offset((page - 1) * BOOKMARKS_PER_PAGE)
    .execute();
}

export async function findUserByName(db: Db, username: string): Promise<{ id: number; username: string } | undefined> {
  return db.selectFrom('users').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
}

/** The title of a work the caller has already been allowed to see. */
export async function findWorkTitle(db: Db, workId: number): Promise<string> {
  const row = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  return row?.title ?? '';
}
