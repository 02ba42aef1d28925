/** Bookmarks and the bookmarker's own tags (migrations 0021, 0029), external works, bookmark lists (0030). */
import type { Generated, Selectable } from 'kysely';

type Flag = Generated<number>;

export interface BookmarksTable {
  id: Generated<number>;
  /** Exactly one of work_id, series_id, external_work_id is set (a CHECK constraint). */
  work_id: number | null;
  series_id: Generated<number | null>;
  external_work_id: Generated<number | null>;
  pseud_id: number;
  /** The pseud's account, kept beside it so a user's bookmarks need no join. */
  user_id: number;
  /** Sanitized HTML, at most 5,000 characters as typed. */
  notes: Generated<string>;
  is_rec: Flag;
  is_private: Flag;
  created_at: string;
  updated_at: string;
  /** Hidden by a moderator (migration 0047): only its owner and moderators see it (see policy.ts). */
  is_hidden: Flag;
  hidden_reason: string | null;
}

export interface BookmarkTagsTable {
  id: Generated<number>;
  bookmark_id: number;
  name: string;
}

export type Bookmark = Selectable<BookmarksTable>;

/** A work hosted elsewhere that a fan bookmarks (recs): what they typed about it. */
export interface ExternalWorksTable {
  id: Generated<number>;
  url: string;
  title: string;
  creator: string;
  rating: string;
  summary: Generated<string>;
  created_by_id: number | null;
  created_at: string;
}

export interface ExternalWorkTagsTable {
  external_work_id: number;
  tag_id: number;
  /** fandoms, relationships, characters or freeforms, as on a work's taggings. */
  field: string;
}

export interface BookmarkListsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: Generated<string>;
  is_private: Flag;
  created_at: string;
}

export interface BookmarkListItemsTable {
  list_id: number;
  bookmark_id: number;
  added_at: string;
}
