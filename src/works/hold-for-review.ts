/**
 * Holding a young account's spam-like work or comment for a moderator's
 * review instead of letting it go public: an account younger than the
 * archive's "new account" hours (the admin setting `newAccountPostHours`,
 * the same one that makes new accounts wait before posting; read from the
 * database here, so every process and the CLI agree) whose work carries
 * many links, or text another account already posted. A held work is the visibility
 * module's `held` state (src/visibility/work-states.ts): every listing,
 * count, feed and API answer leaves it out until a moderator releases it
 * from /admin/reports. Comments use the same age and link rules
 * (src/comments/post-comment.ts).
 */
import type { Db } from '../db/database.ts';
import { readSettingValue } from '../web/site-settings-queries.ts';
import { DEFAULT_SITE_SETTINGS } from '../web/site-settings.ts';
import { accountCreatedAt, findWorkTexts, isTextSeenFromOthers, setWorkHold } from './hold-queries.ts';

export type WorkHoldReason = 'links' | 'repeated';

/**
 * How young an account is "new", as the admin set it (src/web/site-settings.ts gives a fresh archive's
 * default): one small read of the setting's row, inside the caller's transaction when there is one.
 */
export async function newAccountHours(db: Db): Promise<number> {
  const stored = await readSettingValue(db, 'newAccountPostHours');
  let hours: unknown = DEFAULT_SITE_SETTINGS.newAccountPostHours;
  try {
    if (stored !== undefined) hours = JSON.parse(stored);
  } catch {
    /* a row that is not JSON keeps the default, as settingsOf does */
  }
  return typeof hours === 'number' && Number.isFinite(hours) && hours >= 0 ? hours : 0;
}

/** More links than this in a young account's work holds it. */
export const MAX_NEW_ACCOUNT_WORK_LINKS = 5;
/** Text seen from another account within this time counts as repeated. */
const REPEAT_WINDOW_MS = 7 * 24 * 60 * 60_000;

export function countLinks(text: string): number {
  return (text.match(/https?:\/\/|www\.|<a\s/gi) ?? []).length;
}

export async function isYoungAccount(db: Db, userId: number, now = new Date()): Promise<boolean> {
  const hours = await newAccountHours(db);
  if (hours <= 0) return false;
  const created = await accountCreatedAt(db, userId);
  return !created || now.getTime() - Date.parse(created) < hours * 60 * 60_000;
}

/** Why this work, just posted by `ownerId`, waits for review; null when it may go public. */
export async function workHoldReason(db: Db, workId: number, ownerId: number, now = new Date()) {
  if (!(await isYoungAccount(db, ownerId, now))) return null;
  const { bodies } = await findWorkTexts(db, workId);
  if (countLinks(bodies.join('\n')) > MAX_NEW_ACCOUNT_WORK_LINKS) return 'links' as const;
  const since = new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString();
  if (await isTextSeenFromOthers(db, workId, ownerId, bodies, since)) return 'repeated' as const;
  return null;
}

/** Holds the work when its poster's account is young and it looks like spam; true when held. Inside the caller's transaction. */
export async function holdIfSpamLike(trx: Db, workId: number, ownerId: number | null): Promise<boolean> {
  if (ownerId === null) return false;
  const reason = await workHoldReason(trx, workId, ownerId);
  if (reason) await setWorkHold(trx, workId, reason);
  return reason !== null;
}
