/**
 * Posting a comment on a work, a chapter, or in reply to a comment, in the
 * order the rules apply: honeypot → may this viewer post here (policy.ts)
 * → the fields → the rate limit → held or published → one transaction that
 * inserts the comment, recounts `works.comments_count` and records
 * `comment.posted` (the inbox and mail listen to it).
 *
 * Rate limits and repeated-text checks count rows in the database, not in
 * memory, so they hold across processes and restarts.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import type { Viewer } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import type { Comment, CommentState, HoldReason } from './comments.table.ts';
import { isYoungAccount } from '../works/hold-for-review.ts';
import { checkBody, checkGuest, type CommentFormValues } from './comment-input.ts';
import { readableChapterNumber, type LoadedWork } from './comment-context.ts';
import { can, holdsNewComment, type CommentFacts } from './policy.ts';
import { insertComment, refreshCommentsCount } from './queries.ts';
import { countSameText, countSameTextFromOthers, recentCommentTimes, type Poster } from './abuse-queries.ts';
import { accountCreatedAt } from '../works/hold-queries.ts';
import { listPseuds } from '../accounts/queries.ts';

export const RATE_WINDOW_MS = 15 * 60_000;
/** Comments per 15 minutes: accounts younger than a day and guests (per address) post few, others more. */
export const RATE_LIMITS = { newAccount: 3, account: 30, guest: 3 } as const;
const NEW_ACCOUNT_MS = 24 * 60 * 60_000;
/** A guest comment with more links than this waits for approval. */
export const MAX_GUEST_LINKS = 2;
/** Same text again within this time counts as repeated. */
const REPEAT_WINDOW_MS = 24 * 60 * 60_000;

export type PostOutcome =
  | { kind: 'posted'; commentId: number; state: CommentState; holdReason: HoldReason | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused' }
  | { kind: 'rate_limited'; waitSeconds: number }
  /** The honeypot was filled: nothing stored, and the bot is told nothing. */
  | { kind: 'ignored' };

export interface PostRequest {
  work: LoadedWork;
  viewer: Viewer | null;
  values: CommentFormValues;
  /** The chapter it is on, for a comment at the top of a thread. */
  chapterId?: number | null;
  /** The comment it replies to. */
  parent?: { row: Comment; facts: CommentFacts };
  /** The client's address, for a guest's key. */
  address: string;
  now?: Date;
  /** Comments per window for accounts younger than a day: the archive's setting (default RATE_LIMITS.newAccount). */
  newAccountLimit?: number;
}

/** A guest's address as a hash (never the address itself), for rate limits and repeated text. */
export function guestKeyOf(address: string): string {
  return crypto.createHash('sha256').update(`quire-comment-guest\n${address}`).digest('base64url').slice(0, 22);
}

function countLinks(typed: string): number {
  return (typed.match(/https?:\/\/|www\.|<a\s/gi) ?? []).length;
}

/** The seconds until this poster may comment again, or 0. */
async function waitBeforePosting(
  db: Db,
  poster: Poster,
  viewer: Viewer | null,
  now: Date,
  newAccountLimit: number = RATE_LIMITS.newAccount,
): Promise<number> {
  let limit: number = RATE_LIMITS.guest;
  if (viewer) {
    const created = await accountCreatedAt(db, viewer.id);
    const young = !created || now.getTime() - Date.parse(created) < NEW_ACCOUNT_MS;
    limit = young ? newAccountLimit : RATE_LIMITS.account;
  }
  const since = new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
  const times = await recentCommentTimes(db, poster, since);
  if (times.length < limit) return 0;
  // The window frees up when the oldest comment that counts against it leaves it.
  const freesAt = Date.parse(times[times.length - limit]!) + RATE_WINDOW_MS;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

/** Why a comment waits for approval, or null to publish it at once. */
async function holdReasonFor(
  db: Db,
  request: PostRequest,
  html: string,
  guestKey: string | null,
  now: Date,
): Promise<HoldReason | null> {
  if (holdsNewComment(request.viewer, request.work)) return 'moderated';
  if (request.viewer) {
    // A young account is held by the guests' rules, its repeats counted against every other poster's.
    if (!(await isYoungAccount(db, request.viewer.id, now))) return null;
    if (countLinks(request.values.body) > MAX_GUEST_LINKS) return 'links';
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString();
    return (await countSameTextFromOthers(db, html, request.viewer.id, since)) >= 1 ? 'repeated' : null;
  }
  if (guestKey === null) return null;
  if (countLinks(request.values.body) > MAX_GUEST_LINKS) return 'links';
  const since = new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString();
  const same = await countSameText(db, html, guestKey, since);
  if (same.byGuest >= 1 || same.byAnyGuest >= 2) return 'repeated';
  return null;
}

export async function postComment(db: Db, request: PostRequest): Promise<PostOutcome> {
  const { work, viewer, values, parent } = request;
  const now = request.now ?? new Date();
  if (values.website) return { kind: 'ignored' };
  const allowed = parent ? can(viewer, 'reply', { work, comment: parent.facts }) : can(viewer, 'post', { work });
  if (!allowed) return { kind: 'refused' };

  const errors: FieldErrors = {};
  const body = checkBody(values.body);
  if ('error' in body) errors.body = body.error;
  let pseudId: number | null = null;
  if (viewer) {
    const pseuds = await listPseuds(db, viewer.id);
    const chosen = values.pseudId ? pseuds.find((p) => String(p.id) === values.pseudId) : pseuds[0];
    if (!chosen) errors.pseud_id = 'Choose one of your pseuds.';
    else pseudId = chosen.id;
  } else {
    Object.assign(errors, checkGuest(values));
  }
  let chapterId: number | null = parent ? parent.row.chapter_id : (request.chapterId ?? null);
  if (!parent && chapterId !== null && !(await readableChapterNumber(db, viewer, work, chapterId))) {
    chapterId = null;
    errors.chapter_id = 'That chapter is not part of this work.';
  }
  if (Object.keys(errors).length || 'error' in body) return { kind: 'invalid', errors };

  const guestKey = viewer ? null : guestKeyOf(request.address);
  const poster: Poster = viewer ? { userId: viewer.id } : { guestKey: guestKey! };
  const waitSeconds = await waitBeforePosting(db, poster, viewer, now, request.newAccountLimit);
  if (waitSeconds) return { kind: 'rate_limited', waitSeconds };

  const holdReason = await holdReasonFor(db, request, body.html, guestKey, now);
  const state: CommentState = holdReason ? 'held' : 'published';
  const commentId = await db.transaction().execute(async (trx) => {
    const id = await insertComment(trx, {
      workId: work.id,
      chapterId,
      parent: parent?.row ?? null,
      userId: viewer?.id ?? null,
      pseudId,
      guestName: viewer ? null : values.guestName,
      guestEmail: viewer ? null : values.guestEmail,
      guestKey,
      body: body.html,
      state,
      holdReason,
      createdAt: now.toISOString(),
    });
    if (state === 'published') await refreshCommentsCount(trx, work.id);
    await recordEvent(trx, 'comment.posted', { commentId: id });
    return id;
  });
  return { kind: 'posted', commentId, state, holdReason };
}
