/** SQL of bookmark lists: a reader's named folders, and which of their bookmarks are filed in which. */
import type { Db } from '../db/database.ts';

export interface BookmarkList {
  id: number;
  user_id: number;
  name: string;
  description: string;
  is_private: number;
}

export async function findList(db: Db, id: number): Promise<BookmarkList | undefined> {
  return db
    .selectFrom('bookmark_lists')
    .select(['id', 'user_id', 'name', 'description', 'is_private'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A user's lists by name; only the public ones unless `withPrivate`. */
export async function listListsOf(db: Db, userId: number, withPrivate: boolean): Promise<BookmarkList[]> {
  let query = db
    .selectFrom('bookmark_lists')
    .select(['id', 'user_id', 'name', 'description', 'is_private'])
    .where('user_id', '=', userId);
  if (!withPrivate) query = query.where('is_private', '=', 0);
  return query.orderBy('name').orderBy('id').execute();
}

/** Creates a list; null when the user already has one by that name (the unique index decides). */
export async function insertList(
  db: Db,
  list: { userId: number; name: string; description: string; isPrivate: boolean },
  now = new Date(),
): Promise<number | null> {
  const row = await db
    .insertInto('bookmark_lists')
    .values({
      user_id: list.userId,
      name: list.name,
      description: list.description,
      is_private: list.isPrivate ? 1 : 0,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function deleteList(db: Db, id: number): Promise<void> {
  await db.deleteFrom('bookmark_lists').where('id', '=', id).execute();
}

/** The ids of the lists a bookmark is filed in. */
export async function listIdsOf(db: Db, bookmarkId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('bookmark_list_items')
    .select('list_id')
    .where('bookmark_id', '=', bookmarkId)
    .execute();
  return rows.map((r) => r.list_id);
}

/** Files the bookmark in exactly these of its owner's lists (ids of other people's lists are ignored). */
export async function setBookmarkLists(
  db: Db,
  bookmarkId: number,
  userId: number,
  listIds: readonly number[],
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const own = listIds.length
      ? await trx
          .selectFrom('bookmark_lists')
          .select('id')
          .where('user_id', '=', userId)
          .where('id', 'in', [...listIds])
          .execute()
      : [];
    await trx.deleteFrom('bookmark_list_items').where('bookmark_id', '=', bookmarkId).execute();
    if (own.length)
      await trx
        .insertInto('bookmark_list_items')
        .values(own.map((l) => ({ list_id: l.id, bookmark_id: bookmarkId, added_at: now.toISOString() })))
        .execute();
  });
}
