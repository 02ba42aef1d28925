/**
 * Leaving kudos, the one command both the page's button and the API use:
 * rate limit → the work exists and this person may leave kudos on it
 * (policy.ts) → not already left → the row and the work's count in one
 * transaction. A second press is an answer ("already"), not an error.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { findOrMakeSecret } from '../accounts/secret-queries.ts';
import { isBlockedByAny } from '../blocking/queries.ts';
import type { Viewer } from '../web/context.ts';
import type { RateLimiter, RateLimitRule } from '../web/rate-limit.ts';
import { findWorkAccess } from '../visibility/index.ts';
import { whyCannotLeaveKudos, type KudosRefusal } from './policy.ts';
import { chapterOfWork, hasLeftKudos, insertKudos, type KudosGiver } from './queries.ts';

/** Per account, or per address for guests: generous for a reader, a wall for a script. */
export const KUDOS_RULE: RateLimitRule = { limit: 60, windowMs: 15 * 60_000 };

export type KudosOutcome =
  | { kind: 'left' }
  | { kind: 'already' }
  | { kind: 'refused'; reason: KudosRefusal }
  | { kind: 'rate_limited'; waitSeconds: number };

const GUEST_KEY_NAME = 'kudos-guests';

// The archive's key for guest kudos (archive_secrets), read once per database like mail-links.ts does.
const guestKeys = new WeakMap<Db, Promise<string>>();

function guestSecretOf(db: Db): Promise<string> {
  let key = guestKeys.get(db);
  if (!key) {
    key = findOrMakeSecret(db, GUEST_KEY_NAME);
    guestKeys.set(db, key);
    key.catch(() => guestKeys.delete(db));
  }
  return key;
}

/**
 * A guest's address as stored: an HMAC under the archive's stored secret of the work id and the address, so
 * one address gives one key per work, unrelated keys on two works (no trail of one guest across the archive),
 * the address itself is never kept, and without the secret nobody can try addresses against a stored key.
 */
export async function guestKeyOf(db: Db, workId: number, address: string): Promise<string> {
  const secret = await guestSecretOf(db);
  return crypto.createHmac('sha256', secret).update(`kudos:${workId}:${address}`).digest('base64url').slice(0, 32);
}

export interface LeaveKudos {
  viewer: Viewer | null;
  workId: number;
  chapterId: number | null;
  /** The client address (web/context.ts `clientAddress`): a guest's identity here, and their rate-limit key. */
  address: string;
}

export async function leaveKudos(db: Db, limiter: RateLimiter, request: LeaveKudos): Promise<KudosOutcome> {
  const { viewer, workId, address } = request;
  const waitSeconds = await limiter.hit(viewer ? `kudos:u${viewer.id}` : `kudos:a${address}`, KUDOS_RULE);
  if (waitSeconds) return { kind: 'rate_limited', waitSeconds };
  const access = await findWorkAccess(db, workId);
  if (!access) return { kind: 'refused', reason: 'not_found' };
  const isBlocked = await isBlockedByAny(db, access.creatorUserIds, viewer?.id ?? null);
  const reason = whyCannotLeaveKudos(viewer, { access, isBlocked });
  if (reason) return { kind: 'refused', reason };
  const giver: KudosGiver = viewer ? { userId: viewer.id } : { guestKey: await guestKeyOf(db, workId, address) };
  if (await hasLeftKudos(db, workId, giver)) return { kind: 'already' };
  const chapterId = request.chapterId ? await chapterOfWork(db, workId, request.chapterId) : null;
  return (await insertKudos(db, { workId, chapterId, giver })) ? { kind: 'left' } : { kind: 'already' };
}

/** "Try again in 3 minutes" for a wait in seconds. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
