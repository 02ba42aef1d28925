/**
 * News posts' comments through the comments capability: each news post gets a work of its own that holds
 * its comments (`admin_posts.work_id`), marked `works.is_news` — the visibility module's `news` state, which
 * no listing, count, facet, search, feed or catalog ever shows (src/visibility/work-states.ts) while its
 * comments are read and written like any work's (threads, permissions, moderation, rate limits, inbox). The
 * rows of the old flat `admin_post_comments` move into `comments` (each a thread of its own, signed with its
 * author's default pseud) and the table goes.
 */
import { sql, type Kysely } from 'kysely';
import { flag } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('works').addColumn('is_news', 'integer', flag).execute();
  await db.schema
    .alterTable('admin_posts')
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('admin_posts_work').on('admin_posts').column('work_id').execute();
  await moveNewsComments(db);
  await db.schema.dropTable('admin_post_comments').execute();
}

/** Gives each post without one its work, and moves its old comments onto it (exported for its test). */
export async function moveNewsComments(db: Kysely<any>): Promise<void> {
  const english = await db.selectFrom('languages').select('id').where('code', '=', 'en').executeTakeFirst();
  const posts = await db
    .selectFrom('admin_posts')
    .select(['id', 'user_id', 'title', 'created_at'])
    .where('work_id', 'is', null)
    .orderBy('id')
    .execute();
  for (const post of posts) {
    const workId = await insertNewsWork(db, post, english?.id ?? 1);
    await db.updateTable('admin_posts').set({ work_id: workId }).where('id', '=', post.id).execute();
    const comments = await db
      .selectFrom('admin_post_comments')
      .select(['user_id', 'body', 'created_at'])
      .where('post_id', '=', post.id)
      .orderBy('id')
      .execute();
    for (const comment of comments) {
      const pseud = await db
        .selectFrom('pseuds')
        .select('id')
        .where('user_id', '=', comment.user_id)
        .orderBy('is_default', 'desc')
        .orderBy('id')
        .executeTakeFirst();
      const row = await db
        .insertInto('comments')
        .values({
          work_id: workId,
          user_id: comment.user_id,
          pseud_id: pseud?.id ?? null,
          body: comment.body,
          created_at: comment.created_at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
    }
    await db.updateTable('works').set({ comments_count: comments.length }).where('id', '=', workId).execute();
  }
}

/** The work that holds a news post's comments: posted, public, open to every commenter, its author's. */
export async function insertNewsWork(
  db: Kysely<any>,
  post: { user_id: number | null; title: string; created_at: string },
  languageId: number,
): Promise<number> {
  const row = await db
    .insertInto('works')
    .values({
      title: post.title,
      rating: 'General Audiences',
      language_id: languageId,
      status: 'posted',
      expected_chapters: 1,
      comment_permission: 'everyone',
      is_news: 1,
      published_on: post.created_at.slice(0, 10),
      created_at: post.created_at,
      revised_at: post.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (post.user_id !== null) {
    const pseud = await db
      .selectFrom('pseuds')
      .select('id')
      .where('user_id', '=', post.user_id)
      .orderBy('is_default', 'desc')
      .orderBy('id')
      .executeTakeFirst();
    if (pseud) {
      await db.insertInto('creatorships').values({ work_id: row.id, pseud_id: pseud.id, is_accepted: 1 }).execute();
    }
  }
  return row.id;
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create table admin_post_comments (
    id integer primary key,
    post_id integer not null references admin_posts(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    body text not null,
    created_at text not null
  )`.execute(db);
  await sql`insert into admin_post_comments (post_id, user_id, body, created_at)
    select p.id, c.user_id, c.body, c.created_at from comments c join admin_posts p on p.work_id = c.work_id
    where c.user_id is not null and c.deleted_at is null`.execute(db);
  const newsWorks = await db.selectFrom('works').select('id').where('is_news', '=', 1).execute();
  await db.schema.dropIndex('admin_posts_work').execute();
  await db.schema.alterTable('admin_posts').dropColumn('work_id').execute();
  for (const { id } of newsWorks) await db.deleteFrom('works').where('id', '=', id).execute();
  await db.schema.alterTable('works').dropColumn('is_news').execute();
}
