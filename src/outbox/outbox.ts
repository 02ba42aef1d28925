/**
 * The outbox: what happens next, after a command commits. A domain command
 * records an event (`recordEvent(trx, 'work.posted', { workId })`) in its
 * own transaction, so the event exists exactly when the change does — a
 * rolled-back command leaves none, and a crash between commit and mail
 * loses nothing: the row waits until a runner (this process after a
 * restart, or another one) delivers it. Listeners, wired at the composition
 * root (src/background.ts), do the mail and fan-out.
 *
 * Events are rows of the existing `jobs` table (kind `event:<type>`), not a
 * table of their own: the queue already claims a row with one
 * `UPDATE … RETURNING` (SKIP LOCKED on PostgreSQL) so two processes never
 * deliver the same event, re-claims rows of a runner that died, retries
 * with exponential backoff and keeps a visible `failed` state with the last
 * error. A second table would need all of that twice, and an admin would
 * have two queues to watch.
 *
 * One listener per event type. A listener that only writes rows — the
 * usual fan-out, which turns "a gift was given" into one mail job per
 * person (mail.ts) — runs in one transaction with marking the event done,
 * so it runs exactly once; each mail is then its own job with its own
 * retries, so a mail server failing for one person never re-sends to the
 * others.
 */
import type { Db } from '../db/database.ts';
import type { JobHandler, JobHandlers } from '../jobs/handlers.ts';
import { EVENT_TYPES, type EventType, type OutboxEvents } from './events.ts';
import { EVENT_KIND_PREFIX, insertEvent, insertEvents } from './queries.ts';

export type { EventType, OutboxEvents } from './events.ts';

/** Records an event in the caller's transaction; it is delivered after that transaction commits. */
export function recordEvent<K extends EventType>(trx: Db, type: K, payload: OutboxEvents[K]): Promise<number> {
  return insertEvent(trx, type, payload);
}

/** Records one event per payload in one statement (a bulk import's works posted), delivered after commit. */
export function recordEvents<K extends EventType>(
  trx: Db,
  type: K,
  payloads: readonly OutboxEvents[K][],
): Promise<void> {
  return insertEvents(trx, type, payloads);
}

export interface EventListener<P> {
  run(db: Db, payload: P): Promise<void>;
  /** See JobHandler.inTransaction: true for listeners that only write rows (queue mail, fan out). */
  inTransaction?: boolean;
}

export type EventListeners = { [K in EventType]?: EventListener<OutboxEvents[K]> };

/**
 * The listeners of every domain as one map. One listener per event type: a second for the same type would
 * silently replace the first in a spread, so it is refused at start-up instead.
 */
export function everyListener(...groups: EventListeners[]): EventListeners {
  const all: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [type, listener] of Object.entries(group)) {
      if (type in all) throw new Error(`Two listeners for the outbox event "${type}": give it one that does both.`);
      all[type] = listener;
    }
  }
  return all as EventListeners;
}

/** The job kind an event of this type is stored under. */
export const eventJobKind = (type: EventType) => EVENT_KIND_PREFIX + type;

/**
 * The jobs runner's handlers for every event type: its listener, or — for
 * an event nobody listens to yet (subscriptions will hear of posted
 * chapters) — nothing to do, so the event is done rather than failed.
 */
export function eventJobHandlers(listeners: EventListeners): JobHandlers {
  const handlers: Record<string, JobHandler> = {};
  for (const type of EVENT_TYPES) {
    const listener = listeners[type] as EventListener<unknown> | undefined;
    handlers[eventJobKind(type)] = listener
      ? { run: (db, payload) => listener.run(db, payload), inTransaction: listener.inTransaction }
      : { run: async () => {}, inTransaction: true };
  }
  return handlers;
}
