/**
 * SQL of bookmarks: saving one of a work, a series or an external work (the
 * row, its tags and — for a work — `works.bookmarks_count`, public bookmarks
 * only, in one transaction), changing and deleting it. The listings are in
 * listing-queries.ts.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Bookmark } from './bookmarks.table.ts';
import type { Tables } from '../db/database.ts';

/** What a bookmark is of. */
export type BookmarkItem =
  { kind: 'work'; id: number } | { kind: 'series'; id: number } | { kind: 'external'; id: number };

const ITEM_COLUMN = { work: 'work_id', series: 'series_id', external: 'external_work_id' } as const;

export function itemOf(bookmark: Pick<Bookmark, 'work_id' | 'series_id' | 'external_work_id'>): BookmarkItem {
  if (bookmark.work_id !== null) return { kind: 'work', id: bookmark.work_id };
  if (bookmark.series_id !== null) return { kind: 'series', id: bookmark.series_id };
  return { kind: 'external', id: bookmark.external_work_id! };
}

export interface BookmarkInput {
  item: BookmarkItem;
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

/** The viewer's bookmark of an item (any of their pseuds), if they made one. */
export async function findOwnBookmark(db: Db, userId: number, item: BookmarkItem): Promise<Bookmark | undefined> {
  return db
    .selectFrom('bookmarks')
    .selectAll()
    .where('user_id', '=', userId)
    .where(ITEM_COLUMN[item.kind], '=', item.id)
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

/** Keeps `works.bookmarks_count` (public bookmarks of a work) exact; series and external works keep none. */
async function adjustCount(trx: Db, workId: number | null, delta: number): Promise<void> {
  if (!delta || workId === null) return;
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

/** Adds a bookmark; null when this pseud already bookmarked the item (the unique index decides a race). */
export async function insertBookmark(db: Db, input: BookmarkInput, now = new Date()): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('bookmarks')
      .values({
        work_id: input.item.kind === 'work' ? input.item.id : null,
        series_id: input.item.kind === 'series' ? input.item.id : null,
        external_work_id: input.item.kind === 'external' ? input.item.id : null,
        pseud_id: input.pseudId,
        user_id: input.userId,
        notes: input.notes,
        is_rec: input.isRec ? 1 : 0,
        is_private: input.isPrivate ? 1 : 0,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns([ITEM_COLUMN[input.item.kind], 'pseud_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    await replaceTags(trx, inserted.id, input.tags);
    if (input.item.kind === 'work') await adjustCount(trx, input.item.id, input.isPrivate ? 0 : 1);
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

export async function findUserByName(db: Db, username: string): Promise<{ id: number; username: string } | undefined> {
  return db.selectFrom('users').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
}

/** The title of a work the caller has already been allowed to see. */
export async function findWorkTitle(db: Db, workId: number): Promise<string> {
  const row = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  return row?.title ?? '';
}

/** A series' public bookmarks, for its stats (the listing applies each reader's mutes on top). */
export async function countSeriesBookmarks(db: Db, seriesId: number): Promise<number> {
  const row = await db
    .selectFrom('bookmarks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('series_id', '=', seriesId)
    .where('is_private', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
