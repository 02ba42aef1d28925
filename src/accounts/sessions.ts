/**
 * Server-side sessions: the cookie holds a random token, the database only
 * its SHA-256, so a leaked database cannot be replayed as a log-in and any
 * session can be revoked by deleting its row.
 */
import crypto from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { VIEWER_COLUMNS, viewerOf } from './viewer-row.ts';

export const SESSION_COOKIE = 'quire_session';
const SESSION_DAYS = 30;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Stores a new session for the user and returns the token the cookie will carry. */
export async function createSession(
  db: Database,
  userId: number,
  userAgent: string | null,
): Promise<{ token: string; expires: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
      user_agent: userAgent?.slice(0, 255) ?? null,
    })
    .execute();
  return { token, expires };
}

export async function startSession(c: AppContext, userId: number): Promise<void> {
  const { db, config } = c.get('deps');
  const { token, expires } = await createSession(db, userId, c.req.header('user-agent') ?? null);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.isSecure,
    path: '/',
    expires,
  });
}

export async function endSession(c: AppContext): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await c.get('deps').db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function findViewer(db: Database, token: string): Promise<Viewer | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', ...VIEWER_COLUMNS])
    .where('sessions.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at < new Date().toISOString()) return null;
  return viewerOf(row, row.session_id);
}

/** Puts the viewer (or null) on every request. */
export const loadViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set('viewer', token ? await findViewer(c.get('deps').db, token) : null);
  await next();
};

/** Ends one session by its stored id (the viewer's `sessionId`). */
export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** "Log out everywhere else": ends every session of the user but this one; returns how many. */
export async function endOtherSessions(db: Database, userId: number, keepSessionId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countOtherSessions(db: Database, userId: number, keepSessionId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
