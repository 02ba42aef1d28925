/** SQL of news posts and their comments (migration 0036). */
import type { Db } from '../db/database.ts';
import type { AdminPost } from './news.table.ts';

export interface NewsPost extends AdminPost {
  author: string | null;
  comment_count: number;
}

const postColumns = (db: Db) =>
  db
    .selectFrom('admin_posts')
    .leftJoin('users', 'users.id', 'admin_posts.user_id')
    .selectAll('admin_posts')
    .select('users.username as author')
    .select((eb) =>
      eb
        .selectFrom('admin_post_comments')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('admin_post_comments.post_id', '=', 'admin_posts.id')
        .as('comment_count'),
    );

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

export async function insertNewsPost(
  db: Db,
  post: { userId: number; title: string; body: string; now: Date },
): Promise<number> {
  const at = post.now.toISOString();
  const row = await db
    .insertInto('admin_posts')
    .values({ user_id: post.userId, title: post.title, body: post.body, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateNewsPost(db: Db, id: number, post: { title: string; body: string; now: Date }) {
  await db
    .updateTable('admin_posts')
    .set({ title: post.title, body: post.body, updated_at: post.now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function deleteNewsPost(db: Db, id: number): Promise<void> {
  await db.deleteFrom('admin_post_comments').where('post_id', '=', id).execute();
  await db.deleteFrom('admin_posts').where('id', '=', id).execute();
}

export async function listNewsComments(db: Db, postId: number) {
  return db
    .selectFrom('admin_post_comments')
    .innerJoin('users', 'users.id', 'admin_post_comments.user_id')
    .select([
      'admin_post_comments.id',
      'admin_post_comments.user_id',
      'admin_post_comments.body',
      'admin_post_comments.created_at',
      'users.username',
    ])
    .where('admin_post_comments.post_id', '=', postId)
    .orderBy('admin_post_comments.id')
    .execute();
}

export async function insertNewsComment(db: Db, comment: { postId: number; userId: number; body: string; now: Date }) {
  await db
    .insertInto('admin_post_comments')
    .values({
      post_id: comment.postId,
      user_id: comment.userId,
      body: comment.body,
      created_at: comment.now.toISOString(),
    })
    .execute();
}

export async function findNewsComment(db: Db, id: number) {
  return db.selectFrom('admin_post_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteNewsComment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('admin_post_comments').where('id', '=', id).execute();
}
