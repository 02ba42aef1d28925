/**
 * News posts by admins (migration 0036). Their comments are comments (src/comments/) on the post's own work
 * (`work_id`, migration 0054), a work in the visibility module's `news` state that no listing shows.
 */
import type { Generated, Selectable } from 'kysely';

export interface AdminPostsTable {
  id: Generated<number>;
  user_id: number | null;
  title: string;
  /** Sanitized HTML. */
  body: string;
  created_at: string;
  updated_at: string;
  /** The work that holds its comments; null only if that work is gone. */
  work_id: number | null;
}

export type AdminPost = Selectable<AdminPostsTable>;
