/**
 * The general command runner, on the model of wrangling's `wrangle()`:
 * `runCommand` runs a command's checks and writes in one transaction and
 * appends one audit log entry — who, when, what, to which thing, its state
 * before and after, and why — in that same transaction, so an action that
 * changed something is always logged and a refused or failed one never is.
 * Deleting works uses it now; moderation, account changes and admin
 * settings are meant to.
 */
import type { Db } from '../db/database.ts';
import type { Viewer } from '../web/context.ts';
import { insertAuditEntry } from './queries.ts';

/** Who acts: a signed-in person, or the system (the command line, the purge) with a name for the log. */
export interface Actor {
  userId: number | null;
  name: string;
}

export const actorOf = (viewer: Pick<Viewer, 'id' | 'username'>): Actor => ({
  userId: viewer.id,
  name: viewer.username,
});

export interface CommandRequest {
  actor: Actor;
  /** `thing.verb`, e.g. `work.delete`. */
  action: string;
  target: { type: string; id: number | null };
  reason?: string | null;
}

/** What a command reports back: its target's state before and after (JSON-able; null when absent), and a result. */
export interface CommandChange<T> {
  before: unknown;
  after: unknown;
  result: T;
}

/** Runs `command` in a transaction and logs it there; a throw rolls both back. */
export async function runCommand<T>(
  db: Db,
  request: CommandRequest,
  command: (trx: Db) => Promise<CommandChange<T>>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const change = await command(trx);
    await insertAuditEntry(trx, {
      actor_user_id: request.actor.userId,
      actor_name: request.actor.name,
      action: request.action,
      target_type: request.target.type,
      target_id: request.target.id,
      before: asJson(change.before),
      after: asJson(change.after),
      reason: request.reason?.trim() || null,
      created_at: new Date().toISOString(),
    });
    return change.result;
  });
}

const asJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
