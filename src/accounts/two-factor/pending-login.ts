/**
 * Between the password and the code: a short-lived cookie naming the account whose password was right,
 * signed with the archive's `two-factor-login` key (HMAC-SHA256), so it cannot be made for another account
 * or kept past ten minutes. It is no session: nothing but the code form reads it.
 */
import crypto from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/database.ts';
import type { AppContext } from '../../web/context.ts';
import { findOrMakeSecret } from '../secret-queries.ts';

export const PENDING_COOKIE = 'quire_two_factor';
const PENDING_MS = 10 * 60_000;

const keys = new WeakMap<Db, Promise<string>>();
function keyOf(db: Db): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = findOrMakeSecret(db, 'two-factor-login');
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

const sign = (key: string, payload: string) =>
  crypto.createHmac('sha256', key).update(`two-factor:${payload}`).digest('base64url');

export async function setPendingLogin(c: AppContext, userId: number): Promise<void> {
  const payload = `${userId}.${Date.now() + PENDING_MS}`;
  const signature = sign(await keyOf(c.get('deps').db), payload);
  setCookie(c, PENDING_COOKIE, `${payload}.${signature}`, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.isSecure,
    path: '/login',
    maxAge: PENDING_MS / 1000,
  });
}

/** The account waiting for its code, or null when there is none (or it expired, or was tampered with). */
export async function pendingLoginUser(c: AppContext): Promise<number | null> {
  const value = getCookie(c, PENDING_COOKIE);
  const [userId, expires, signature] = value?.split('.') ?? [];
  if (!userId || !expires || !signature || Number(expires) < Date.now()) return null;
  const expected = Buffer.from(sign(await keyOf(c.get('deps').db), `${userId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return Number(userId);
}

export function clearPendingLogin(c: AppContext): void {
  deleteCookie(c, PENDING_COOKIE, { path: '/login', secure: c.get('deps').config.isSecure });
}
