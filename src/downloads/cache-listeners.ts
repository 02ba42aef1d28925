/**
 * The download cache forgets a work's files once the work is deleted (or
 * purged): they would never be served again, since a deleted work has no
 * downloads, but they would take disk space. Wired in src/background.ts.
 */
import type { Config } from '../config.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { forgetDownloads } from './routes.ts';

export function downloadCacheListeners(config: Pick<Config, 'dataDir'>): EventListeners {
  const forget = { run: (_db: unknown, { workId }: { workId: number }) => forgetDownloads(config.dataDir, workId) };
  return { 'work.deleted': forget, 'work.purged': forget };
}
