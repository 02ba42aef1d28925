/**
 * The server bench/browse.ts measures, in its own process so its memory is
 * its own: the real app (createApp) on a loopback port, against the archive
 * in QUIRE_DATA_DIR or DATABASE_URL. Prints `listening <port>` when ready.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/config.ts';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';
import { createApp } from '../src/server.ts';
import { startMemoryIndex } from '../src/search/memory/work-index.ts';
import { RateLimiter } from '../src/web/rate-limit.ts';

const config = loadConfig({ ...process.env, QUIRE_BASE_URL: 'http://127.0.0.1:3000' });
const db = openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
);
// Every request sees a fresh rate-limit window: the bench measures the work behind a request, not the limiter.
let clock = 0;
const rateLimiter = new RateLimiter(db, () => (clock += 2 * 60 * 60_000));
// As `quire serve` does: listings answer from the in-memory work index once it is built. The bench waits for it.
const index = startMemoryIndex(db);
const started = Date.now();
await index?.build();
if (index?.lastError) throw index.lastError;
console.log(`index ${index ? Date.now() - started : 0}`);
const server = serve({ fetch: createApp({ db, config, rateLimiter }).fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
// bench/counters asks what the index caught up from the change log (works re-read whole, counts patched).
process.on('SIGUSR2', () => console.log(`caught-up ${JSON.stringify(index?.caughtUp ?? null)}`));
process.on('SIGTERM', () => {
  server.close();
  void db.destroy().then(() => process.exit(0));
});
