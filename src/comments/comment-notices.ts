/**
 * Telling people of a comment, after it commits: the listeners of
 * `comment.posted` and `comment.approved`. A published comment gives an
 * inbox item (reason 'comment') to each creator of the work and, when it
 * replies, one (reason 'reply') to the author of the comment it answers; a
 * held comment goes to the creators only, who must approve it, and its
 * reply notice waits for `comment.approved`. Each recipient also gets a
 * mail unless they turned comment mail off; a member commenter gets a copy
 * of their own comment unless they turned copies off; a guest whose
 * comment was answered hears at the address they gave.
 *
 * Nobody is told of a comment on a work they may not read (asked of
 * src/visibility as that person), nor of one by someone they blocked or
 * muted, nor of their own. Both listeners run the same, idempotent fan-out
 * (unique inbox items, mail queued once per comment, recipient and kind),
 * so an event delivered twice tells nobody twice.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { mailPreferencesUrl } from '../accounts/mail-links.ts';
import { viewerOf } from '../accounts/viewer-row.ts';
import { isBlockedByAny, mutedUserIds } from '../blocking/queries.ts';
import { queueMail } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { CONCEALING_STATES, findWorkAccess, whyCannotReadWork, type WorkAccess } from '../visibility/index.ts';
import type { CommentInboxReason } from './comments.table.ts';
import {
  findCommentForNotice,
  findRecipients,
  insertInboxItem,
  type CommentForNotice,
  type Recipient,
} from './inbox-queries.ts';

type NoticeSettings = Pick<Config, 'baseUrl' | 'archiveName'>;

export function commentNoticeListeners(
  config: NoticeSettings,
): Required<Pick<EventListeners, 'comment.posted' | 'comment.approved'>> {
  return {
    'comment.posted': {
      inTransaction: true,
      run: (db, { commentId }) => tellOfComment(db, config, commentId, new Date()),
    },
    'comment.approved': {
      inTransaction: true,
      run: (db, { commentId }) => tellOfComment(db, config, commentId, new Date()),
    },
  };
}

/** Everyone the comment concerns now, in its present state; what they were already told is not told again. */
export async function tellOfComment(db: Db, config: NoticeSettings, commentId: number, now: Date): Promise<void> {
  const comment = await findCommentForNotice(db, commentId);
  if (!comment || comment.deleted_at) return; // deleted before anyone was told
  const work = await findWorkAccess(db, comment.work_id);
  if (!work) return;
  const isPublished = comment.state === 'published';

  // Whom to tell and why; a creator answered on their own work hears of it as a reply to them.
  const reasons = new Map<number, CommentInboxReason>();
  if (isPublished && comment.parent_user_id !== null && !comment.parent_deleted_at) {
    reasons.set(comment.parent_user_id, 'reply');
  }
  for (const creatorId of work.creatorUserIds) if (!reasons.has(creatorId)) reasons.set(creatorId, 'comment');
  if (comment.user_id !== null) reasons.delete(comment.user_id);

  const everyone = [...reasons.keys(), ...(comment.user_id !== null ? [comment.user_id] : [])];
  const recipients = new Map((await findRecipients(db, everyone)).map((r) => [r.id, r]));
  const text = commentText(comment);
  // A creator commenting on their anonymous or unrevealed work is not named.
  const byConcealedCreator =
    comment.user_id !== null &&
    work.creatorUserIds.includes(comment.user_id) &&
    work.states.some((state) => CONCEALING_STATES.includes(state));
  const who = byConcealedCreator ? 'Anonymous Creator' : commenterName(comment);

  for (const [userId, reason] of reasons) {
    const person = recipients.get(userId);
    if (!person || !(await mayBeTold(db, person, work, comment.user_id))) continue;
    await insertInboxItem(db, { userId, commentId, reason, now });
    if (person.comment_emails_off) continue;
    await queueMail(
      db,
      {
        to: person.email,
        subject: subjectFor(reason, comment, config),
        text: [
          `Hello ${person.username},`,
          '',
          `${who} ${reason === 'reply' ? 'replied to your comment on' : 'left a comment on'} ${placeOf(comment)}:`,
          '',
          text,
          '',
          ...(isPublished
            ? [`Read it and reply: ${commentUrl(config, commentId)}`]
            : [
                `It waits for your approval before anyone else sees it: ${commentUrl(config, commentId)}`,
                'Approve it there or in your inbox:',
                `${config.baseUrl}/users/${encodeURIComponent(person.username)}/inbox?filter=held`,
              ]),
          ...(await preferencesFooter(db, config, userId)),
        ].join('\n'),
      },
      { onceKey: `comment:${commentId}:notice:${userId}` },
    );
  }

  const commenter = comment.user_id !== null ? recipients.get(comment.user_id) : undefined;
  if (commenter && !commenter.comment_copies_off && whyCannotReadWork(viewerOf(commenter, ''), work) === null) {
    await queueMail(
      db,
      {
        to: commenter.email,
        subject: `Your comment on “${comment.work_title}”`,
        text: [
          `Hello ${commenter.username},`,
          '',
          `A copy of your comment on ${placeOf(comment)}${isPublished ? '' : ', which waits for the creator’s approval'}:`,
          '',
          text,
          '',
          `It is here: ${commentUrl(config, commentId)}`,
          ...(await preferencesFooter(db, config, commenter.id)),
        ].join('\n'),
      },
      { onceKey: `comment:${commentId}:copy` },
    );
  }

  // A guest who was answered hears at the address they gave, if a guest may read the work.
  const guestEmail = comment.parent_user_id === null ? comment.parent_guest_email : null;
  if (isPublished && guestEmail && !comment.parent_deleted_at && whyCannotReadWork(null, work) === null) {
    await queueMail(
      db,
      {
        to: guestEmail,
        subject: `Reply to your comment on “${comment.work_title}”`,
        text: [
          `Hello ${comment.parent_guest_name ?? 'there'},`,
          '',
          `${who} replied to the comment you left as a guest on ${placeOf(comment)}:`,
          '',
          text,
          '',
          `Read it and reply: ${commentUrl(config, commentId)}`,
          '',
          `You get this because you gave this address with your comment on ${config.archiveName}.`,
        ].join('\n'),
      },
      { onceKey: `comment:${commentId}:guest-reply` },
    );
  }
}

/** They may read the work, and have neither blocked nor muted the commenter. */
async function mayBeTold(db: Db, person: Recipient, work: WorkAccess, commenterId: number | null) {
  if (whyCannotReadWork(viewerOf(person, ''), work) !== null) return false;
  if (commenterId === null) return true;
  if (await isBlockedByAny(db, [person.id], commenterId)) return false;
  return !(await mutedUserIds(db, person.id)).includes(commenterId);
}

function subjectFor(reason: CommentInboxReason, comment: CommentForNotice, config: NoticeSettings): string {
  if (reason === 'reply') return `Reply to your comment on “${comment.work_title}”`;
  if (comment.state === 'held') return `A comment awaits your approval on “${comment.work_title}”`;
  return `New comment on “${comment.work_title}” on ${config.archiveName}`;
}

/** The pseud, or the guest's name marked as a guest; never a guest's address. */
export function commenterName(comment: Pick<CommentForNotice, 'pseud_name' | 'guest_name'>): string {
  if (comment.pseud_name) return comment.pseud_name;
  return `${comment.guest_name?.trim() || 'A guest'} (guest)`;
}

/** “Title”, or “Title” (Chapter 2: Its Title) for a comment on a chapter. */
export function placeOf(
  comment: Pick<CommentForNotice, 'work_title' | 'chapter_id' | 'chapter_position' | 'chapter_title'>,
): string {
  if (comment.chapter_id === null) return `“${comment.work_title}”`;
  const chapter = `Chapter ${comment.chapter_position ?? ''}`.trim();
  return `“${comment.work_title}” (${comment.chapter_title ? `${chapter}: ${comment.chapter_title}` : chapter})`;
}

const commentUrl = (config: NoticeSettings, commentId: number) => `${config.baseUrl}/comments/${commentId}`;

async function preferencesFooter(db: Db, config: NoticeSettings, userId: number): Promise<string[]> {
  return [
    '',
    '--',
    `Stop these emails with one click (no need to log in): ${await mailPreferencesUrl(db, config.baseUrl, userId)}`,
    `All your preferences: ${config.baseUrl}/preferences`,
  ];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The comment's sanitized HTML as plain text for mail: paragraphs kept, tags dropped, entities read. */
function commentText(comment: Pick<CommentForNotice, 'body'>): string {
  return comment.body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|blockquote|li|h\d)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
