/**
 * Whether this process should be sent traffic: the database answers, it has
 * every migration this code knows, and the in-memory listing index (when the
 * process keeps one) is built. Until then listings would fall back to slower
 * SQL, or pages would fail on a missing column.
 */
import type { Db } from '../db/database.ts';
import { pendingMigrations } from '../db/migrator.ts';
import type { WorkIndex } from '../search/memory/work-index.ts';
import { pingDatabase } from './queries.ts';
import { withTimeout } from './timeout.ts';

/** A load balancer's check itself times out after a few seconds; answer 503 before that. */
const PING_TIMEOUT_MS = 2_000;

export type Readiness = { isReady: true } | { isReady: false; reason: string };

export async function checkReadiness(db: Db, index: WorkIndex | undefined): Promise<Readiness> {
  try {
    await withTimeout(pingDatabase(db), PING_TIMEOUT_MS, 'the database');
  } catch (error) {
    return { isReady: false, reason: `database does not answer: ${(error as Error).message}` };
  }
  let pending: string[];
  try {
    pending = await withTimeout(pendingMigrations(db), PING_TIMEOUT_MS, 'the database');
  } catch (error) {
    return { isReady: false, reason: `cannot read the applied migrations: ${(error as Error).message}` };
  }
  if (pending.length) {
    return { isReady: false, reason: `migrations pending: ${pending.join(', ')} (run quire migrate)` };
  }
  if (index && !index.isReady) {
    return {
      isReady: false,
      reason: index.lastError
        ? `search index build failed: ${(index.lastError as Error).message ?? String(index.lastError)}`
        : 'search index is still building',
    };
  }
  return { isReady: true };
}
