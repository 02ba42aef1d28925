/**
 * SQL of the inbox: the items that tell a person of a comment (on their
 * work, or replying to their comment), what a notice needs to know of a
 * comment, and the inbox page's list, filters and bulk changes. Who may
 * read the work is asked of src/visibility: the listener before an item is
 * made, and the list again when it is read (a work hidden or deleted since
 * then drops out of the inbox).
 */
import type { Db } from '../db/database.ts';
import { VIEWER_COLUMNS } from '../accounts/viewer-row.ts';
import { inboxItemStillVisible } from '../visibility/index.ts';
import type { CommentInboxReason, NoticeReason } from './comments.table.ts';

/** What a notice about one comment says: the comment, where it is, who wrote it, and whom it answers. */
export async function findCommentForNotice(db: Db, commentId: number) {
  return db
    .selectFrom('comments as c')
    .innerJoin('works as w', 'w.id', 'c.work_id')
    .leftJoin('chapters as ch', 'ch.id', 'c.chapter_id')
    .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .leftJoin('comments as parent', 'parent.id', 'c.parent_id')
    .select([
      'c.id',
      'c.work_id',
      'c.chapter_id',
      'c.parent_id',
      'c.user_id',
      'c.guest_name',
      'c.body',
      'c.state',
      'c.deleted_at',
      'w.title as work_title',
      'ch.title as chapter_title',
      'ch.position as chapter_position',
      'p.name as pseud_name',
      'parent.user_id as parent_user_id',
      'parent.guest_email as parent_guest_email',
      'parent.guest_name as parent_guest_name',
      'parent.deleted_at as parent_deleted_at',
    ])
    .where('c.id', '=', commentId)
    .executeTakeFirst();
}

export type CommentForNotice = NonNullable<Awaited<ReturnType<typeof findCommentForNotice>>>;

/** The people a notice may go to: their roles (to ask visibility as them), address and mail preferences. */
export async function findRecipients(db: Db, userIds: readonly number[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .select([...VIEWER_COLUMNS, 'users.email', 'users.comment_emails_off', 'users.comment_copies_off'])
    .where('users.id', 'in', [...userIds])
    .execute();
}

export type Recipient = Awaited<ReturnType<typeof findRecipients>>[number];

/** Adds the item unless this person already has one for this comment; true when it is new. */
export async function insertInboxItem(
  db: Db,
  item: { userId: number; commentId: number; reason: CommentInboxReason; now: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('inbox_items')
    .values({
      user_id: item.userId,
      comment_id: item.commentId,
      reason: item.reason,
      created_at: item.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'comment_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/**
 * A notice in a person's inbox (migration 0055): a report's outcome or a moderator's change to their work,
 * as plain text and the page it points to. Inside the caller's transaction, so it is there exactly when what
 * it tells of happened.
 */
export async function insertInboxNotice(
  db: Db,
  notice: { userId: number; reason: NoticeReason; text: string; path: string; now: Date },
): Promise<void> {
  await db
    .insertInto('inbox_items')
    .values({
      user_id: notice.userId,
      comment_id: null,
      reason: notice.reason,
      notice_text: notice.text,
      notice_path: notice.path,
      created_at: notice.now.toISOString(),
    })
    .execute();
}

export const INBOX_FILTERS = ['all', 'unread', 'read', 'replies', 'held', 'notices'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

function inboxBase(db: Db, userId: number, filter: InboxFilter) {
  // Left joins: a notice has no comment (visibility's inboxItemStillVisible lets it through).
  let query = db
    .selectFrom('inbox_items as i')
    .leftJoin('comments as c', 'c.id', 'i.comment_id')
    .leftJoin('works as w', 'w.id', 'c.work_id')
    .where('i.user_id', '=', userId)
    .where((eb) => inboxItemStillVisible(eb));
  if (filter === 'unread') query = query.where('i.read_at', 'is', null);
  if (filter === 'read') query = query.where('i.read_at', 'is not', null);
  if (filter === 'replies') query = query.where('i.reason', '=', 'reply');
  if (filter === 'held') query = query.where('i.reason', '=', 'comment').where('c.state', '=', 'held');
  if (filter === 'notices') query = query.where('i.comment_id', 'is', null);
  return query;
}

/** One page of a person's inbox, newest first, with how many items the filter holds. */
export async function listInbox(
  db: Db,
  userId: number,
  {
    filter,
    limit,
    offset = 0,
    beforeId,
  }: {
    filter: InboxFilter;
    limit: number;
    offset?: number;
    /** A cursor: items older than this one. */ beforeId?: number;
  },
) {
  const page =
    beforeId === undefined ? inboxBase(db, userId, filter) : inboxBase(db, userId, filter).where('i.id', '<', beforeId);
  const [rows, total] = await Promise.all([
    page
      .leftJoin('chapters as ch', 'ch.id', 'c.chapter_id')
      .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select([
        'i.id',
        'i.reason',
        'i.read_at',
        'i.created_at',
        'i.notice_text',
        'i.notice_path',
        'c.id as comment_id',
        'c.work_id',
        'c.chapter_id',
        'c.body',
        'c.state',
        'c.is_frozen',
        'c.guest_name',
        'c.created_at as commented_at',
        'w.title as work_title',
        'ch.title as chapter_title',
        'ch.position as chapter_position',
        'p.name as pseud_name',
        'u.username as pseud_username',
        'w.is_anonymous',
        'w.is_unrevealed',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('creatorships as cc')
                .innerJoin('pseuds as ccp', 'ccp.id', 'cc.pseud_id')
                .select('cc.work_id')
                .whereRef('cc.work_id', '=', 'w.id')
                .whereRef('ccp.user_id', '=', 'c.user_id')
                .where('cc.is_accepted', '=', 1),
            )
            .as('by_creator'),
      ])
      .orderBy('i.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    inboxBase(db, userId, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** The unread count: the items the inbox page would list under "Unread" (the header's is in session-queries.ts). */
export async function countUnreadInbox(db: Db, userId: number): Promise<number> {
  const row = await inboxBase(db, userId, 'unread')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the person's own items among `ids` read (now) or unread; returns how many changed. */
export async function markInboxItems(db: Db, userId: number, ids: readonly number[], read: Date | null) {
  if (!ids.length) return 0;
  const result = await db
    .updateTable('inbox_items')
    .set({ read_at: read ? read.toISOString() : null })
    .where('user_id', '=', userId)
    .where('id', 'in', [...ids])
    .where('read_at', read ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the person's own items among `ids` from their inbox (the comments stay). */
export async function deleteInboxItems(db: Db, userId: number, ids: readonly number[]) {
  if (!ids.length) return 0;
  const result = await db
    .deleteFrom('inbox_items')
    .where('user_id', '=', userId)
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
