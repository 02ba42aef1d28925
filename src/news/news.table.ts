/** News posts by admins and their comments (migration 0036). */
import type { Generated, Selectable } from 'kysely';

export interface AdminPostsTable {
  id: Generated<number>;
  user_id: number | null;
  title: string;
  /** Sanitized HTML. */
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AdminPostCommentsTable {
  id: Generated<number>;
  post_id: number;
  user_id: number;
  /** Sanitized HTML. */
  body: string;
  created_at: string;
}

export type AdminPost = Selectable<AdminPostsTable>;
