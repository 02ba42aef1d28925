/**
 * SQL of news posts (migration 0036) and the work each has for its comments (migration 0054: a posted,
 * public work in the `news` state, open to every commenter, its author's — so the comments module's
 * threads, permissions, moderation, rate limits and inbox are the post's too).
 */
import { findDefaultPseud } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { findLanguageId } from '../works/queries.ts';
import type { AdminPost } from './news.table.ts';

export interface NewsPost extends AdminPost {
  author: string | null;
  comment_count: number;
}

const postColumns = (db: Db) =>
  db
    .selectFrom('admin_posts')
    .leftJoin('users', 'users.id', 'admin_posts.user_id')
    .leftJoin('works', 'works.id', 'admin_posts.work_id')
    .selectAll('admin_posts')
    .select(['users.username as author', 'works.comments_count as comment_count']);

export async function listNewsPosts(db: Db, limit: number, offset = 0): Promise<NewsPost[]> {
  const rows = await postColumns(db)
    .orderBy('admin_posts.created_at', 'desc')
    .orderBy('admin_posts.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({ ...row, comment_count: Number(row.comment_count ?? 0) }));
}

export async function findNewsPost(db: Db, id: number): Promise<NewsPost | undefined> {
  const row = await postColumns(db).where('admin_posts.id', '=', id).executeTakeFirst();
  return row ? { ...row, comment_count: Number(row.comment_count ?? 0) } : undefined;
}

/** The news post whose comments this work holds. */
export async function findNewsPostIdByWork(db: Db, workId: number): Promise<number | undefined> {
  const row = await db.selectFrom('admin_posts').select('id').where('work_id', '=', workId).executeTakeFirst();
  return row?.id;
}

/** The post and the work for its comments, inside the caller's transaction. */
export async function insertNewsPost(
  db: Db,
  post: { userId: number; title: string; body: string; now: Date },
): Promise<number> {
  const at = post.now.toISOString();
  const languageId = (await findLanguageId(db, 'en')) ?? 1;
  const work = await db
    .insertInto('works')
    .values({
      title: post.title,
      rating: 'General Audiences',
      language_id: languageId,
      status: 'posted',
      expected_chapters: 1,
      comment_permission: 'everyone',
      is_news: 1,
      published_on: at.slice(0, 10),
      created_at: at,
      revised_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pseud = await findDefaultPseud(db, post.userId);
  await db.insertInto('creatorships').values({ work_id: work.id, pseud_id: pseud.id, is_accepted: 1 }).execute();
  const row = await db
    .insertInto('admin_posts')
    .values({
      user_id: post.userId,
      title: post.title,
      body: post.body,
      created_at: at,
      updated_at: at,
      work_id: work.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateNewsPost(db: Db, id: number, post: { title: string; body: string; now: Date }) {
  const row = await db
    .updateTable('admin_posts')
    .set({ title: post.title, body: post.body, updated_at: post.now.toISOString() })
    .where('id', '=', id)
    .returning('work_id')
    .executeTakeFirst();
  // The comments' pages and mails name the post by its work's title.
  if (row?.work_id) await db.updateTable('works').set({ title: post.title }).where('id', '=', row.work_id).execute();
}

/** The post and its work, with the work's comments and everything hanging on them (cascades). */
export async function deleteNewsPost(db: Db, id: number): Promise<void> {
  const row = await db.selectFrom('admin_posts').select('work_id').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('admin_posts').where('id', '=', id).execute();
  if (row?.work_id) await db.deleteFrom('works').where('id', '=', row.work_id).execute();
}
