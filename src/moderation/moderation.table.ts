/** Moderators' private notes on a user (migration 0031), never shown to the user. */
import type { Generated, Selectable } from 'kysely';

export interface UserNotesTable {
  id: Generated<number>;
  user_id: number;
  author_user_id: number | null;
  author_name: string;
  body: string;
  created_at: string;
}

export type UserNote = Selectable<UserNotesTable>;
