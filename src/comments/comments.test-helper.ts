/**
 * What the comment tests share: members old enough for the ordinary rate
 * limit, a moderator, a co-creator, a work with chosen comment settings, and
 * reading comment rows and a work's comments_count back.
 */
import { findDefaultPseud, setRole } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { makeUser, makeWork, type MakeWorkOptions } from '../../test/support/factories.ts';

/** A member whose account is two days old (past the new-account rate limit). */
export async function makeMember(db: Db, overrides: { isAdmin?: boolean } = {}): Promise<User> {
  const user = await makeUser(db, overrides);
  const created = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await db.updateTable('users').set({ created_at: created }).where('id', '=', user.id).execute();
  return { ...user, created_at: created };
}

export async function makeModerator(db: Db): Promise<User> {
  const user = await makeMember(db);
  await setRole(db, user.id, 'moderator', true);
  return user;
}

/** Adds `user` as an accepted co-creator of the work. */
export async function addCoCreator(db: Db, workId: number, user: User): Promise<void> {
  const pseud = await findDefaultPseud(db, user.id);
  await db
    .insertInto('creatorships')
    .values({ work_id: workId, pseud_id: pseud.id, is_accepted: 1, position: 5 })
    .execute();
}

export async function makeCommentableWork(db: Db, creator: User, options: MakeWorkOptions = {}): Promise<number> {
  return makeWork(db, creator, { commentPermission: 'everyone', ...options });
}

export const commentRows = (db: Db, workId: number) =>
  db.selectFrom('comments').selectAll().where('work_id', '=', workId).orderBy('id').execute();

export async function commentsCount(db: Db, workId: number): Promise<number> {
  const row = await db.selectFrom('works').select('comments_count').where('id', '=', workId).executeTakeFirstOrThrow();
  return row.comments_count;
}

/** The outbox events recorded about comments, as (type, commentId). */
export async function commentEvents(db: Db): Promise<Array<{ kind: string; commentId: number }>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['kind', 'payload'])
    .where('kind', 'like', 'event:comment.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    commentId: (JSON.parse(String(r.payload)) as { commentId: number }).commentId,
  }));
}

/** Inserts a comment row directly (for threads deeper or longer than a test wants to post one by one). */
export async function insertCommentRow(
  db: Db,
  values: { workId: number; parentId?: number | null; user?: User; body?: string; createdAt?: string },
): Promise<number> {
  let threadId: number | null = null;
  let depth = 0;
  if (values.parentId) {
    const parent = await db
      .selectFrom('comments')
      .select(['thread_id', 'depth'])
      .where('id', '=', values.parentId)
      .executeTakeFirstOrThrow();
    threadId = parent.thread_id;
    depth = parent.depth + 1;
  }
  const pseud = values.user ? await findDefaultPseud(db, values.user.id) : null;
  const row = await db
    .insertInto('comments')
    .values({
      work_id: values.workId,
      parent_id: values.parentId ?? null,
      thread_id: threadId,
      depth,
      user_id: values.user?.id ?? null,
      pseud_id: pseud?.id ?? null,
      guest_name: values.user ? null : 'Wren',
      guest_email: values.user ? null : 'wren@example.test',
      body: values.body ?? '<p>A short note.</p>',
      created_at: values.createdAt ?? new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!threadId) await db.updateTable('comments').set({ thread_id: row.id }).where('id', '=', row.id).execute();
  return row.id;
}
