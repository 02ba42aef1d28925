/**
 * Migration 0054 moves the old flat news comments (`admin_post_comments`) onto each post's own work, as
 * comments of the comments module: the test rebuilds the old table on a migrated database, fills it, and
 * runs the move.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser } from '../../test/support/factories.ts';
import { moveNewsComments } from '../db/migrations/0054-news-comments.ts';

forEachDatabase('news comments move into the comments module (migration 0054)', (t) => {
  it('gives each old post its work and moves every comment onto it, signed by its author', async () => {
    const admin = await makeUser(t.db, { isAdmin: true });
    const reader = await makeUser(t.db);
    await sql`create table admin_post_comments (
      id integer primary key, post_id integer not null, user_id integer not null,
      body text not null, created_at text not null)`.execute(t.db);
    try {
      const post = await t.db
        .insertInto('admin_posts')
        .values({
          user_id: admin.id,
          title: 'Winter hours',
          body: '<p>Open late.</p>',
          created_at: '2026-01-05T10:00:00.000Z',
          updated_at: '2026-01-05T10:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [id, userId, body] of [
        [1, reader.id, '<p>Thank you for the late hours.</p>'],
        [2, admin.id, '<p>You are welcome.</p>'],
      ] as const) {
        await sql`insert into admin_post_comments (id, post_id, user_id, body, created_at)
          values (${id}, ${post.id}, ${userId}, ${body}, '2026-01-06T10:00:00.000Z')`.execute(t.db);
      }

      await moveNewsComments(t.db);

      const { work_id: workId } = await t.db
        .selectFrom('admin_posts')
        .select('work_id')
        .where('id', '=', post.id)
        .executeTakeFirstOrThrow();
      expect(workId).not.toBeNull();
      const work = await t.db
        .selectFrom('works')
        .select(['is_news', 'comments_count', 'title', 'status', 'comment_permission'])
        .where('id', '=', workId!)
        .executeTakeFirstOrThrow();
      expect(work).toEqual({
        is_news: 1,
        comments_count: 2,
        title: 'Winter hours',
        status: 'posted',
        comment_permission: 'everyone',
      });
      const comments = await t.db
        .selectFrom('comments')
        .select(['user_id', 'body', 'thread_id', 'id', 'depth', 'state'])
        .where('work_id', '=', workId!)
        .orderBy('id')
        .execute();
      expect(comments.map((c) => [c.user_id, c.body, c.thread_id === c.id, c.depth, c.state])).toEqual([
        [reader.id, '<p>Thank you for the late hours.</p>', true, 0, 'published'],
        [admin.id, '<p>You are welcome.</p>', true, 0, 'published'],
      ]);
      const page = await new Browser(makeTestApp(t.db)).page(`/admin_posts/${post.id}`);
      expect(page).toContain('Thank you for the late hours.');
      expect(page).toContain(reader.username);
      // Run again, nothing moves twice.
      await moveNewsComments(t.db);
      expect(await t.db.selectFrom('comments').select('id').where('work_id', '=', workId!).execute()).toHaveLength(2);
    } finally {
      await sql`drop table admin_post_comments`.execute(t.db);
    }
  });
});
