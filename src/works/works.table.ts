/** The work tables: works, their languages, creators, gifts, related works and hits. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface LanguagesTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export type WorkStatus = 'draft' | 'posted';

export type CommentPermission = 'everyone' | 'registered' | 'none';

export interface WorksTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  rating: string;
  language_id: number;
  status: Generated<WorkStatus>;
  expected_chapters: number | null;
  posted_chapters: Generated<number>;
  word_count: Generated<number>;
  is_complete: Flag;
  is_restricted: Flag;
  is_hidden: Flag;
  /** Why a moderator hid it (migration 0031), shown to its creators; `hidden_by` says by which action. */
  hidden_reason: string | null;
  hidden_by: 'moderator' | 'ban' | null;
  /** Held for a moderator's review before it goes public (migration 0047): a young account's spam-like work. */
  is_held: Flag;
  hold_reason: 'links' | 'repeated' | null;
  is_anonymous: Flag;
  is_unrevealed: Flag;
  comment_permission: Generated<CommentPermission>;
  moderated_comments: Flag;
  published_on: string | null;
  updated_on: string | null;
  completed_on: string | null;
  source_ref: string | null;
  imported_by_id: number | null;
  hits: Generated<number>;
  kudos_count: Generated<number>;
  comments_count: Generated<number>;
  bookmarks_count: Generated<number>;
  downloads_count: Generated<number>;
  created_at: string;
  revised_at: string;
  /** Set when the work is deleted; the row is purged 30 days later. */
  deleted_at: string | null;
  /** The holder of a news post's comments (migration 0054): the visibility module's `news` state. */
  is_news: Flag;
}

export interface CreatorshipsTable {
  id: Generated<number>;
  work_id: number;
  pseud_id: number | null;
  external_name: string | null;
  position: Generated<number>;
  is_accepted: Flag;
}

export interface RelatedWorksTable {
  id: Generated<number>;
  work_id: number;
  parent_work_id: number | null;
  parent_url: string | null;
  parent_title: Generated<string>;
  parent_creator: Generated<string>;
  relation: Relation;
  is_approved: Flag;
  /** The parent's creator removed the link from their work (migration 0006). */
  is_declined: Flag;
}

export type Relation = 'inspired_by' | 'remix' | 'translation' | 'sequel';

export interface GiftsTable {
  id: Generated<number>;
  work_id: number;
  recipient_pseud_id: number | null;
  recipient_name: string;
  is_refused: Flag;
}

export interface WorkHitsTable {
  work_id: number;
  visitor: string;
  day: string;
}

export type Work = Selectable<WorksTable>;

export type NewWork = Insertable<WorksTable>;

export type WorkUpdate = Updateable<WorksTable>;

export type Language = Selectable<LanguagesTable>;
