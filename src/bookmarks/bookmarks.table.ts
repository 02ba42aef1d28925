/** Bookmarks and the bookmarker's own tags (migration 0021). */
import type { Generated, Selectable } from 'kysely';

type Flag = Generated<number>;

export interface BookmarksTable {
  id: Generated<number>;
  work_id: number;
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
