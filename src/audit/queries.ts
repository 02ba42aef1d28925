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

export interface AuditFilter {
  /** An action (`work.hide`), or a thing's kind followed by a dot (`work.`) for all of its actions. */
  action?: string;
  actorName?: string;
  targetType?: string;
  targetId?: number;
  /** Entries older than this id: the next page. */
  beforeId?: number;
}

/** The log page: newest first, filtered. */
export async function listAuditEntries(db: Db, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action) {
    query = filter.action.endsWith('.')
      ? query.where('action', 'like', `${filter.action.replace(/[%_]/g, '')}%`)
      : query.where('action', '=', filter.action);
  }
  if (filter.actorName) query = query.where('actor_name', '=', filter.actorName);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
