/** The audit log's table (migration 0011): one row per audited command, appended and never changed. */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  actor_name: string;
  /** What was done, as `thing.verb`: `work.delete`, `work.purge`. */
  action: string;
  target_type: string;
  target_id: number | null;
  /** JSON text, or null when the target did not exist before. */
  before: string | null;
  /** JSON text, or null when the target no longer exists. */
  after: string | null;
  reason: string | null;
  created_at: string;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
