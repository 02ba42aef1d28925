/**
 * bench/settings: what reading the archive's settings costs a request (src/settings/store.ts). Three ways a
 * request can find them: in memory (within the second), after the second with nothing changed (one query on
 * the version row), and after a change (the version and every row read again); and the sign-up's check of an
 * address against a refused list of N entries.
 *
 *   npm run bench:settings -- [--lookups 20000] [--refused 1000]
 *
 * SQLite in a temporary folder; PostgreSQL when DATABASE_URL is set. Figures are printed, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { saveSettings, SettingsStore } from '../src/settings/store.ts';
import { isEmailRefused } from '../src/web/site-settings.ts';

const { values: args } = parseArgs({
  options: { lookups: { type: 'string', default: '20000' }, refused: { type: 'string', default: '1000' } },
});
const lookups = Number(args.lookups);
const refusedCount = Number(args.refused);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(name: string, runs: number, once: () => Promise<unknown> | unknown): Promise<void> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} median ${(percentile(times, 50) * 1000).toFixed(1)} µs  p95 ${(percentile(times, 95) * 1000).toFixed(1)} µs  ${Math.round(runs / total)}/s`,
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-settings-'));
const db = openDatabase(
  process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { sqliteFile: sqliteFileIn(dataDir) },
);
try {
  await migrateToLatest(db);
  const refused = Array.from({ length: refusedCount }, (_, i) => `spam${i}.example`);
  const writer = new SettingsStore(db);
  await saveSettings(db, writer, { userId: null, name: 'bench' }, { archiveName: 'Bench', refusedEmails: refused });
  console.log(`settings: ${lookups} lookups, ${refusedCount} refused entries; ${os.cpus().length} cores`);

  const cached = new SettingsStore(db);
  await cached.current();
  await measure('in memory (within the second)', lookups, () => cached.current());
  const checking = new SettingsStore(db, 0);
  await checking.current();
  await measure('version check, nothing changed', Math.min(lookups, 5000), () => checking.current());
  const reloading = new SettingsStore(db, 0);
  await measure('reload after a change', Math.min(lookups, 2000), () => {
    reloading.invalidate();
    return reloading.current();
  });
  const site = await cached.current();
  await measure(`refused-list check (${refusedCount} entries)`, lookups, () =>
    isEmailRefused(site, 'someone@mail.allowed.example'),
  );
  const memory = process.memoryUsage();
  console.log(`memory: rss ${(memory.rss / 1e6).toFixed(0)} MB, heap ${(memory.heapUsed / 1e6).toFixed(0)} MB`);
} finally {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
