/**
 * The one-click unsubscribe link of every subscription mail:
 * `/subscriptions/unsubscribe?user=…&token=…`. GET shows a button, POST
 * turns the member's subscription mail off (RFC 8058: a mail client POSTs
 * `List-Unsubscribe=One-Click` to the same URL, from the List-Unsubscribe
 * header). The token is an HMAC-SHA256 of the user id under the archive's
 * `subscription-links` key, so it needs no log-in and no row, and cannot
 * be made for another account. It only ever turns mail off.
 */
import crypto from 'node:crypto';
import { findOrMakeSecret } from '../accounts/secret-queries.ts';
import type { Db } from '../db/database.ts';

const KEY_NAME = 'subscription-links';

export const UNSUBSCRIBE_PATH = '/subscriptions/unsubscribe';

function sign(key: string, userId: number): string {
  return crypto.createHmac('sha256', key).update(`subscriptions-off:${userId}`).digest('base64url');
}

export async function unsubscribeUrl(db: Db, baseUrl: string, userId: number): Promise<string> {
  const token = sign(await findOrMakeSecret(db, KEY_NAME), userId);
  return `${baseUrl}${UNSUBSCRIBE_PATH}?user=${userId}&token=${encodeURIComponent(token)}`;
}

/** `unsubscribeUrl` for a run's many mails: the key is read once. */
export async function unsubscribeUrlMaker(db: Db, baseUrl: string): Promise<(userId: number) => string> {
  const key = await findOrMakeSecret(db, KEY_NAME);
  return (userId) => `${baseUrl}${UNSUBSCRIBE_PATH}?user=${userId}&token=${encodeURIComponent(sign(key, userId))}`;
}

/** Whether `token` is this user's: compared in constant time. */
export async function isUnsubscribeToken(db: Db, userId: number, token: string): Promise<boolean> {
  const expected = Buffer.from(sign(await findOrMakeSecret(db, KEY_NAME), userId));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
