/**
 * Server-side sessions: the cookie holds a random token, the database only
 * its SHA-256, so a leaked database cannot be replayed as a log-in and any
 * session can be revoked by deleting its row.
 */
import crypto from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { deleteSession, findSessionUser, insertSession } from './session-queries.ts';
import { isBannedRow, viewerOf } from './viewer-row.ts';

export const SESSION_COOKIE = 'quire_session';
const SESSION_DAYS = 30;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Stores a new session for the user and returns the token the cookie will carry. */
export async function createSession(
  db: Db,
  userId: number,
  userAgent: string | null,
): Promise<{ token: string; expires: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(db, {
    id: hashToken(token),
    userId,
    createdAt: now,
    expiresAt: expires,
    userAgent: userAgent?.slice(0, 255) ?? null,
  });
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
  if (token) await deleteSession(c.get('deps').db, hashToken(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function findViewer(db: Db, token: string): Promise<Viewer | null> {
  const row = await findSessionUser(db, hashToken(token));
  if (!row || row.expires_at < new Date().toISOString() || isBannedRow(row)) return null;
  return { ...viewerOf(row, row.session_id), unreadInbox: Number(row.unread_inbox ?? 0) };
}

/** Puts the viewer (or null) on every request. */
export const loadViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set('viewer', token ? await findViewer(c.get('deps').db, token) : null);
  await next();
};
