/**
 * SQL of server-side sessions: a session row is keyed by the SHA-256 of its
 * cookie token (sessions.ts hashes), so these functions take the stored id.
 */
import type { Db } from '../db/database.ts';
import { inboxItemStillVisible } from '../visibility/index.ts';
import { VIEWER_COLUMNS } from './viewer-row.ts';

export async function insertSession(
  db: Db,
  session: { id: string; userId: number; createdAt: Date; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt.toISOString(),
      expires_at: session.expiresAt.toISOString(),
      user_agent: session.userAgent,
    })
    .execute();
}

/**
 * The session's expiry and its user's viewer columns, expired or not, with the number of unread inbox
 * items for the header: a subquery on the inbox_items_unread index, so every page still costs one query. It
 * counts what the inbox page lists (visibility's inboxItemStillVisible), so it never promises more.
 */
export async function findSessionUser(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', ...VIEWER_COLUMNS])
    .select((eb) =>
      eb
        .selectFrom('inbox_items as i')
        .leftJoin('comments as c', 'c.id', 'i.comment_id')
        .leftJoin('works as w', 'w.id', 'c.work_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.user_id', '=', 'users.id')
        .where('i.read_at', 'is', null)
        .where((inner) => inboxItemStillVisible(inner))
        .as('unread_inbox'),
    )
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

/** Ends one session by its stored id (the viewer's `sessionId`). */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** "Log out everywhere else": ends every session of the user but this one; returns how many. */
export async function endOtherSessions(db: Db, userId: number, keepSessionId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countOtherSessions(db: Db, userId: number, keepSessionId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
