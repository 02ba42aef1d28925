/**
 * SQL of the audit log. Append-only by construction: this module offers a
 * way to add an entry and ways to read them, and nothing that changes or
 * removes one.
 */
import type { Db } from '../db/database.ts';
import type { AuditEntry, NewAuditEntry } from './audit-log.table.ts';

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/** What was done to one thing, oldest first. */
export async function listAuditEntriesFor(db: Db, targetType: string, targetId: number): Promise<AuditEntry[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
}

/** The latest entries, newest first (an admin's log page, a moderator's history). */
export async function listRecentAuditEntries(db: Db, limit: number, action?: string): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (action) query = query.where('action', '=', action);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
