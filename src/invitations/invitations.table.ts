/** Invitations and the queue of people asking for one (migration 0034). */
import type { Generated, Selectable } from 'kysely';

export interface InvitationsTable {
  id: Generated<number>;
  code: string;
  /** Who may pass it on; null when the archive sent it. */
  user_id: number | null;
  email: string | null;
  created_at: string;
  sent_at: string | null;
  used_by: number | null;
  used_at: string | null;
}

export interface InviteRequestsTable {
  id: Generated<number>;
  email: string;
  created_at: string;
  invited_at: string | null;
}

export type Invitation = Selectable<InvitationsTable>;
