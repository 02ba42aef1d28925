/**
 * `npm run bench:load -- --works N --seed S`: generates the corpus and loads
 * it into a fresh archive (the SQLite file in --data-dir, or PostgreSQL when
 * DATABASE_URL is set), with a progress bar, then prints the load time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabase, sqliteFileIn } from '../../src/db/connect.ts';
import type { Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { CorpusGenerator } from './generate.ts';
import { loadCorpus, type LoadSummary } from './load.ts';

export interface CorpusTarget {
  works: number;
  seed: number;
  /** postgres:// URL; else the SQLite file in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the target archive, loading the corpus first unless it already holds it. */
export async function openLoadedArchive(
  target: CorpusTarget,
  log = console.log,
): Promise<{ db: Db; load: LoadSummary | null }> {
  const marker = path.join(
    target.dataDir,
    `corpus-${target.works}-${target.seed}${target.databaseUrl ? '-pg' : ''}.json`,
  );
  if (!target.databaseUrl && !fs.existsSync(marker)) {
    // A half-loaded or other corpus in this directory's SQLite file starts over; PostgreSQL markers stay.
    const file = sqliteFileIn(target.dataDir);
    for (const leftover of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const db = openDatabase(
    target.databaseUrl ? { url: target.databaseUrl } : { sqliteFile: sqliteFileIn(target.dataDir) },
  );
  await migrateToLatest(db);
  if (fs.existsSync(marker)) {
    log(`Reusing the loaded corpus (${marker}).`);
    return { db, load: JSON.parse(fs.readFileSync(marker, 'utf8')) as LoadSummary };
  }
  const existing = await db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new Error('The target archive already holds works; point the bench at an empty one.');
  const bar = new cliProgress.SingleBar(
    {
      format:
        'Loading works [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, {eta_formatted} left',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(target.works, 0);
  let finishStarted = 0;
  const load = await loadCorpus(db, new CorpusGenerator(target.works, target.seed), {
    onProgress: ({ done, finishing }) => {
      if (!finishing) return bar.update(done);
      if (!finishStarted) bar.stop();
      finishStarted ||= Date.now();
      log(`  finishing: ${finishing} (${((Date.now() - finishStarted) / 1000).toFixed(0)} s in)`);
    },
  });
  if (!finishStarted) bar.stop();
  fs.writeFileSync(marker, JSON.stringify(load));
  log(
    `Loaded ${load.works} works, ${load.tags} tags, ${load.users} users in ${load.seconds.toFixed(1)} s` +
      ` (${(load.finishSeconds ?? 0).toFixed(1)} s of it finishing: staged rows, indexes, statistics).`,
  );
  return { db, load };
}

if (process.argv[1]?.endsWith(path.join('corpus', 'main.ts'))) {
  const { values } = parseArgs({
    options: {
      works: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
    },
  });
  const works = Number(values.works);
  const target: CorpusTarget = {
    works,
    seed: Number(values.seed),
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: values['data-dir'] ?? path.resolve('data', `bench-browse-${works}`),
  };
  const { db } = await openLoadedArchive(target);
  await db.destroy();
}
