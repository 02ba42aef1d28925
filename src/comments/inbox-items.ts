/**
 * An inbox item as the page and the API show it: who commented (a pseud,
 * or a guest's name — never a guest's address), on which work and chapter,
 * the comment's text, whether it is read, and whether it waits for
 * approval — or a notice (a report's outcome, a moderator's change to one's
 * work: its text and the page it points to, never who acted). The inbox
 * page's paging and its bulk-change limits live here too.
 */
import { sanitizeBody } from '../html/body.ts';
import { concealsCreators } from '../visibility/index.ts';
import type { CommentInboxReason, NoticeReason } from './comments.table.ts';
import { INBOX_FILTERS, type InboxFilter, type InboxRow } from './inbox-queries.ts';

export const INBOX_PAGE_SIZE = 20;
/** A bulk change names at most this many items, so no query's variables grow with what is sent. */
export const MAX_ITEMS_PER_CHANGE = 100;

export const INBOX_FILTER_LABELS: Record<InboxFilter, string> = {
  all: 'All',
  unread: 'Unread',
  read: 'Read',
  replies: 'Replies to me',
  held: 'Awaiting approval',
  notices: 'Notices',
};

export function inboxFilterOf(value: string | undefined): InboxFilter {
  return (INBOX_FILTERS as readonly string[]).includes(value ?? '') ? (value as InboxFilter) : 'all';
}

/** A 1-based page number from the query string; anything else is page 1. */
export function inboxPageOf(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

interface InboxEntryBase {
  id: number;
  isUnread: boolean;
  receivedAt: string;
}

/** A notice of its own: what came of a report, or what a moderator changed on a work of theirs. */
export interface InboxNoticeEntry extends InboxEntryBase {
  kind: 'notice';
  reason: NoticeReason;
  notice: { text: string; path: string };
}

export type InboxEntry = InboxCommentEntry | InboxNoticeEntry;

export interface InboxCommentEntry extends InboxEntryBase {
  kind: 'comment';
  reason: CommentInboxReason;
  comment: {
    id: number;
    path: string;
    /** The comment's HTML, sanitized again on the way out. */
    html: string;
    postedAt: string;
    isHeld: boolean;
    /** Closed to replies. */
    isFrozen: boolean;
  };
  commenter: { name: string; isGuest: boolean; path: string | null };
  work: { id: number; title: string; path: string };
  chapter: { id: number; number: number; title: string; path: string } | null;
}

/** How a creator of an anonymous or unrevealed work is named when they comment on it. */
export const ANONYMOUS_CREATOR = { name: 'Anonymous Creator', isGuest: false, path: null } as const;

// A creator answering on their anonymous work must not give their pseud away in someone else's inbox.
function isConcealedCreator(row: CommentRow): boolean {
  return concealsCreators(row) && !!row.by_creator;
}

/** A row of a comment item: the left joins found its comment and work. */
type CommentRow = InboxRow & {
  comment_id: number;
  work_id: number;
  work_title: string;
  body: string;
  commented_at: string;
  is_anonymous: number;
  is_unrevealed: number;
};

export function inboxEntryOf(row: InboxRow): InboxEntry {
  const base = { id: row.id, isUnread: row.read_at === null, receivedAt: row.created_at };
  if (row.comment_id === null || row.work_id === null) {
    return {
      ...base,
      kind: 'notice',
      reason: row.reason === 'moderation' ? 'moderation' : 'report',
      notice: { text: row.notice_text ?? '', path: row.notice_path ?? '/' },
    };
  }
  return commentEntryOf(row as CommentRow, base);
}

function commentEntryOf(row: CommentRow, base: InboxEntryBase): InboxCommentEntry {
  const workPath = `/works/${row.work_id}`;
  return {
    ...base,
    kind: 'comment',
    reason: row.reason === 'reply' ? 'reply' : 'comment',
    comment: {
      id: row.comment_id,
      path: `/comments/${row.comment_id}`,
      html: sanitizeBody(row.body),
      postedAt: row.commented_at,
      isHeld: row.state === 'held',
      isFrozen: row.is_frozen === 1,
    },
    commenter: isConcealedCreator(row)
      ? ANONYMOUS_CREATOR
      : row.pseud_name
        ? {
            name: row.pseud_name,
            isGuest: false,
            path: row.pseud_username
              ? `/users/${encodeURIComponent(row.pseud_username)}/pseuds/${encodeURIComponent(row.pseud_name)}/works`
              : null,
          }
        : row.guest_name !== null
          ? { name: row.guest_name.trim() || 'A guest', isGuest: true, path: null }
          : // A member's comment whose account has gone keeps its text but no name.
            { name: 'A deleted account', isGuest: false, path: null },
    work: { id: row.work_id, title: row.work_title, path: workPath },
    chapter:
      row.chapter_id === null
        ? null
        : {
            id: row.chapter_id,
            number: row.chapter_position ?? 1,
            title: row.chapter_title ?? '',
            path: `${workPath}/chapters/${row.chapter_id}`,
          },
  };
}
