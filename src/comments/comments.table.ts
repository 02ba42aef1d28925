/** Comments and the inbox that tells people of them (migration 0013). */
import type { Generated, Selectable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

/** `held`: waiting, unseen, for a creator to approve it (moderated comments, or spam-like guest comments). */
export type CommentState = 'published' | 'held';
export type HoldReason = 'moderated' | 'links' | 'repeated';

export interface CommentsTable {
  id: Generated<number>;
  work_id: number;
  /** Null when the comment is on the whole work. */
  chapter_id: number | null;
  /** The comment this one replies to; null at the top of a thread. */
  parent_id: number | null;
  /** The thread's top-level comment: its own id at the top. */
  thread_id: number | null;
  /** 0 at the top of a thread, one more per reply. */
  depth: Generated<number>;
  user_id: number | null;
  pseud_id: number | null;
  guest_name: string | null;
  /** Shown to nobody but moderators. */
  guest_email: string | null;
  /** A guest's address as a keyed hash, for rate limits and repeated text. */
  guest_key: string | null;
  body: string;
  state: Generated<CommentState>;
  hold_reason: HoldReason | null;
  /** A creator hid it: kept, seen only by its author, the work's creators and moderators. */
  is_hidden: Flag;
  /** Hidden with its author's spammer mark (migration 0047): lifting the ban shows it again. */
  hidden_by_ban: Flag;
  /** No more replies under it. */
  is_frozen: Flag;
  /** Deleted but kept because it has replies: shown as "(Previous comment deleted.)". */
  deleted_at: string | null;
  edited_at: string | null;
  created_at: string;
}

/** Why someone was told of a comment: it is on their work, or it replies to their comment. */
export type CommentInboxReason = 'comment' | 'reply';
/**
 * A notice of its own (migration 0055): the outcome of a report the person made, or what a moderator changed
 * on a work of theirs. Neither names who acted.
 */
export type NoticeReason = 'report' | 'moderation';
export type InboxReason = CommentInboxReason | NoticeReason;

export interface InboxItemsTable {
  id: Generated<number>;
  user_id: number;
  /** The comment told of; null for a notice (exactly one of this and `notice_text` is set). */
  comment_id: number | null;
  reason: InboxReason;
  read_at: string | null;
  created_at: string;
  /** A notice's plain text. */
  notice_text: string | null;
  /** The page a notice points to (`/reports`, a work). */
  notice_path: string | null;
}

export type Comment = Selectable<CommentsTable>;
export type InboxItem = Selectable<InboxItemsTable>;
