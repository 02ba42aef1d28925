/**
 * One-click mail preference links: every mail about comments (and, later,
 * kudos) ends with `/preferences/mail?user=…&token=…`, which opens a page
 * turning those mails off without logging in — someone reading mail on a
 * phone should not need their password to stop it. The token is an
 * HMAC-SHA256 of the user id under the archive's `mail-links` key
 * (secret-queries.ts), so it cannot be made for another account and needs
 * no row of its own. It does not expire: a mail from last year still
 * stops the mail. It only ever turns mail off.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { findOrMakeSecret } from './secret-queries.ts';

const KEY_NAME = 'mail-links';

// The key never changes while the process runs unless an admin deletes its row; read it once per database.
const keys = new WeakMap<Db, Promise<string>>();

function keyOf(db: Db): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = findOrMakeSecret(db, KEY_NAME);
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

function sign(key: string, userId: number): string {
  return crypto.createHmac('sha256', key).update(`mail-preferences:${userId}`).digest('base64url');
}

export async function mailLinkToken(db: Db, userId: number): Promise<string> {
  return sign(await keyOf(db), userId);
}

/** The link, on this archive, that opens the page turning this person's mail off. */
export async function mailPreferencesUrl(db: Db, baseUrl: string, userId: number): Promise<string> {
  const token = await mailLinkToken(db, userId);
  return `${baseUrl}/preferences/mail?user=${userId}&token=${encodeURIComponent(token)}`;
}

/** Whether `token` is this user's: compared in constant time. */
export async function isMailLinkToken(db: Db, userId: number, token: string): Promise<boolean> {
  const expected = Buffer.from(sign(await keyOf(db), userId));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
