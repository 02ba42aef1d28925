/**
 * Every statement about comments: a work's comment settings, a page of
 * top-level comments and their threads (a fixed number of queries however
 * many comments a page shows), the names they are signed with, and the writes of posting, editing,
 * deleting, approving, freezing and hiding — with `works.comments_count`
 * recounted in the same transaction.
 */
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db, Tables } from '../db/database.ts';
import type { Comment, CommentState, HoldReason } from './comments.table.ts';

/** 'everyone' | 'registered' | 'none', as the works table keeps it. */
export type CommentPermission = Selectable<Tables['works']>['comment_permission'];

/** A work's comment settings (its access facts come from src/visibility). */
export async function findCommentSettings(
  db: Db,
  workId: number,
): Promise<
  | {
      title: string;
      rating: string;
      commentPermission: CommentPermission;
      moderatedComments: boolean;
      commentsCount: number;
    }
  | undefined
> {
  const row = await db
    .selectFrom('works')
    .select(['title', 'rating', 'comment_permission', 'moderated_comments', 'comments_count'])
    .where('id', '=', workId)
    .executeTakeFirst();
  return row
    ? {
        title: row.title,
        rating: row.rating,
        commentPermission: row.comment_permission,
        moderatedComments: row.moderated_comments === 1,
        commentsCount: row.comments_count,
      }
    : undefined;
}

export async function findComment(db: Db, commentId: number): Promise<Comment | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
}

/** Where a list of comments is: a whole work (every chapter too), or one chapter. */
export interface CommentPlace {
  workId: number;
  chapterId?: number;
}

/** Which top-level comments a viewer may meet in a listing (the rest of the policy applies in memory). */
export interface TopLevelFilter {
  /** Creators and moderators see held and hidden comments too. */
  seesAll: boolean;
  viewerId: number | null;
  mutedIds: number[];
}

function topLevel(db: Db, place: CommentPlace, filter: TopLevelFilter) {
  let query = db.selectFrom('comments').where('work_id', '=', place.workId).where('parent_id', 'is', null);
  if (place.chapterId !== undefined) query = query.where('chapter_id', '=', place.chapterId);
  if (!filter.seesAll) {
    query = query.where((eb) => {
      const shown = eb.and([eb('state', '=', 'published'), eb('is_hidden', '=', 0)]);
      // A hidden comment that others reply to keeps its place, shown as hidden.
      const hiddenWithReplies = eb.and([
        eb('state', '=', 'published'),
        eb.exists(eb.selectFrom('comments as r').select('r.id').whereRef('r.parent_id', '=', 'comments.id')),
      ]);
      return filter.viewerId === null
        ? eb.or([shown, hiddenWithReplies])
        : eb.or([shown, hiddenWithReplies, eb('user_id', '=', filter.viewerId)]);
    });
  }
  if (filter.mutedIds.length) {
    query = query.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', 'not in', filter.mutedIds)]));
  }
  return query;
}

/** One page of top-level comment ids, oldest first, and how many there are in all. */
export async function pageOfThreads(
  db: Db,
  place: CommentPlace,
  filter: TopLevelFilter,
  page: number,
  perPage: number,
): Promise<{ ids: number[]; total: number }> {
  const rows = await topLevel(db, place, filter)
    .select('id')
    .orderBy('id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const count = await topLevel(db, place, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}

/** Every comment of these threads, oldest first. */
export async function commentsOfThreads(db: Db, threadIds: readonly number[]): Promise<Comment[]> {
  if (!threadIds.length) return [];
  return db
    .selectFrom('comments')
    .selectAll()
    .where('thread_id', 'in', [...threadIds])
    .orderBy('id')
    .execute();
}

/**
 * The first `perThread` comments of each of these threads by age (a window over `comments_thread`), and
 * how many rows each thread has in all: what the work page reads instead of every comment of every thread.
 */
export async function firstCommentsOfThreads(
  db: Db,
  threadIds: readonly number[],
  perThread: number,
): Promise<Comment[]> {
  if (!threadIds.length) return [];
  const ranked = db
    .selectFrom('comments')
    .selectAll()
    .select(sql<number>`row_number() over (partition by thread_id order by id)`.as('place_in_thread'))
    .where('thread_id', 'in', [...threadIds]);
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('place_in_thread', '<=', perThread)
    .orderBy('id')
    .execute();
  return rows.map(({ place_in_thread: _, ...row }) => row as Comment);
}

/** How many comments each of these threads holds, whoever may see them. */
export async function threadSizes(db: Db, threadIds: readonly number[]): Promise<Map<number, number>> {
  if (!threadIds.length) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select((eb) => ['thread_id', eb.fn.countAll<number | string>().as('n')])
    .where('thread_id', 'in', [...threadIds])
    .groupBy('thread_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.thread_id), Number(r.n)]));
}

/**
 * How many comments of each thread a reader sees, counted in SQL: live, published and not hidden (every
 * comment for those who look after them), less the muted. Replies under a comment the reader cannot see are
 * still counted, so this is the "Read the whole thread (N comments)" link's figure, not the page's.
 */
export async function visibleThreadSizes(
  db: Db,
  threadIds: readonly number[],
  filter: { seesAll: boolean; viewerId: number | null; mutedIds: readonly number[] },
): Promise<Map<number, number>> {
  if (!threadIds.length) return new Map();
  let query = db
    .selectFrom('comments')
    .select((eb) => ['thread_id', eb.fn.countAll<number | string>().as('n')])
    .where('thread_id', 'in', [...threadIds]);
  if (!filter.seesAll) {
    const { viewerId } = filter;
    query = query.where((eb) =>
      eb.and([
        eb('deleted_at', 'is', null),
        viewerId === null
          ? eb.and([eb('state', '=', 'published'), eb('is_hidden', '=', 0)])
          : eb.or([eb.and([eb('state', '=', 'published'), eb('is_hidden', '=', 0)]), eb('user_id', '=', viewerId)]),
      ]),
    );
  }
  if (filter.mutedIds.length)
    query = query.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', 'not in', [...filter.mutedIds])]));
  const rows = await query.groupBy('thread_id').execute();
  return new Map(rows.map((r) => [Number(r.thread_id), Number(r.n)]));
}

export interface SignedName {
  pseudId: number;
  pseudName: string;
  userId: number;
  username: string;
  refusesGuestReplies: boolean;
  iconFile: string | null;
  iconAlt: string | null;
}

/** The pseuds comments are signed with, with their accounts' names and guest-reply preference. */
export async function signedNames(db: Db, pseudIds: readonly number[]): Promise<Map<number, SignedName>> {
  if (!pseudIds.length) return new Map();
  const rows = await db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select([
      'pseuds.id',
      'pseuds.name',
      'pseuds.icon_file',
      'pseuds.icon_alt',
      'users.id as user_id',
      'users.username',
      'users.guest_replies_off',
    ])
    .where('pseuds.id', 'in', [...new Set(pseudIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        pseudId: r.id,
        pseudName: r.name,
        userId: r.user_id,
        username: r.username,
        refusesGuestReplies: r.guest_replies_off === 1,
        iconFile: r.icon_file,
        iconAlt: r.icon_alt,
      },
    ]),
  );
}

/** Which of `candidateIds` have blocked `userId`: one query for a whole page's authors and creators. */
export async function blockersAmong(
  db: Db,
  candidateIds: readonly number[],
  userId: number | null,
): Promise<Set<number>> {
  if (userId === null || !candidateIds.length) return new Set();
  const rows = await db
    .selectFrom('user_blocks')
    .select('blocker_id')
    .where('blocked_id', '=', userId)
    .where('blocker_id', 'in', [...new Set(candidateIds)])
    .execute();
  return new Set(rows.map((r) => r.blocker_id));
}

/** Whether this account refuses guest replies (its `guest_replies_off` preference). */
export async function refusesGuestReplies(db: Db, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  const row = await db.selectFrom('users').select('guest_replies_off').where('id', '=', userId).executeTakeFirst();
  return row?.guest_replies_off === 1;
}

export interface NewComment {
  workId: number;
  chapterId: number | null;
  parent: Pick<Comment, 'id' | 'thread_id' | 'depth'> | null;
  userId: number | null;
  pseudId: number | null;
  guestName: string | null;
  guestEmail: string | null;
  guestKey: string | null;
  body: string;
  state: CommentState;
  holdReason: HoldReason | null;
  createdAt: string;
}

/** Inserts a comment in its thread (a top-level comment is its own thread) and returns its id. */
export async function insertComment(trx: Db, comment: NewComment): Promise<number> {
  const row = await trx
    .insertInto('comments')
    .values({
      work_id: comment.workId,
      chapter_id: comment.chapterId,
      parent_id: comment.parent?.id ?? null,
      thread_id: comment.parent ? comment.parent.thread_id : null,
      depth: comment.parent ? comment.parent.depth + 1 : 0,
      user_id: comment.userId,
      pseud_id: comment.pseudId,
      guest_name: comment.guestName,
      guest_email: comment.guestEmail,
      guest_key: comment.guestKey,
      body: comment.body,
      state: comment.state,
      hold_reason: comment.holdReason,
      created_at: comment.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!comment.parent) await trx.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
  return row.id;
}

const visible = (eb: ExpressionBuilder<Tables, 'comments'>) =>
  eb.and([eb('state', '=', 'published'), eb('is_hidden', '=', 0), eb('deleted_at', 'is', null)]);

/** Recounts `works.comments_count` (published, not hidden, not deleted), in the caller's transaction. */
export async function refreshCommentsCount(trx: Db, workId: number): Promise<void> {
  await trx
    .updateTable('works')
    .set((eb) => ({
      comments_count: eb
        .selectFrom('comments')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .where('comments.work_id', '=', workId)
        .where(visible),
    }))
    .where('id', '=', workId)
    .execute();
}

export async function updateCommentBody(trx: Db, commentId: number, body: string, editedAt: string): Promise<void> {
  await trx.updateTable('comments').set({ body, edited_at: editedAt }).where('id', '=', commentId).execute();
}

export async function publishComment(trx: Db, commentId: number): Promise<boolean> {
  const result = await trx
    .updateTable('comments')
    .set({ state: 'published', hold_reason: null })
    .where('id', '=', commentId)
    .where('state', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCommentHidden(trx: Db, commentId: number, hidden: boolean): Promise<void> {
  await trx
    .updateTable('comments')
    .set({ is_hidden: hidden ? 1 : 0 })
    .where('id', '=', commentId)
    .execute();
}

/** Freezes (or thaws) these comments: a frozen comment takes no replies. */
export async function setCommentsFrozen(trx: Db, commentIds: readonly number[], frozen: boolean): Promise<void> {
  if (!commentIds.length) return;
  await trx
    .updateTable('comments')
    .set({ is_frozen: frozen ? 1 : 0 })
    .where('id', 'in', [...commentIds])
    .execute();
}

export async function hasReplies(trx: Db, commentId: number): Promise<boolean> {
  const row = await trx.selectFrom('comments').select('id').where('parent_id', '=', commentId).executeTakeFirst();
  return !!row;
}

/** Keeps the comment's place in its thread but not its text: "(Previous comment deleted.)". */
export async function markCommentDeleted(trx: Db, commentId: number, deletedAt: string): Promise<void> {
  await trx
    .updateTable('comments')
    .set({ deleted_at: deletedAt, body: '', guest_email: null })
    .where('id', '=', commentId)
    .execute();
}

export async function removeComment(trx: Db, commentId: number): Promise<void> {
  await trx.deleteFrom('comments').where('id', '=', commentId).execute();
}

/** The work's chapters in order, as the reading rules need them (which are posted), with their positions. */
export async function chaptersOfWork(
  db: Db,
  workId: number,
): Promise<Array<{ id: number; position: number; isPosted: boolean }>> {
  const rows = await db
    .selectFrom('chapters')
    .select(['id', 'position', 'is_posted'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, position: r.position, isPosted: r.is_posted === 1 }));
}
