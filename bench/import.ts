/**
 * bench/import: `quire import` of many files — the real command, in-process,
 * against a fresh SQLite archive — beside a raw SQLite insert of the same
 * rows (works and chapters only, one prepared statement each, one
 * transaction: the floor no import can beat), so the figure says how far
 * the real write path (creators, tags, series, filter tags, search index,
 * outbox) is from the bare database.
 *
 *   npm run bench:import -- 10000 [--words 400] [--keep]
 *
 * The files are generated (seeded) into a temporary folder: original
 * invented text, a few hundred words in one to three chapters, tags drawn
 * from a small vocabulary so that most already exist after the first files,
 * as in a real archive's import. The import's own progress bar shows on
 * stderr; its one line per file goes to a log file whose lines are counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { main } from '../src/cli/main.ts';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { plainTextToHtml } from '../src/html/body.ts';
import { createUser } from '../src/accounts/queries.ts';
import { exportFileGenerator, type GeneratedWork } from './support/export-files.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { words: { type: 'string', default: '400' }, keep: { type: 'boolean', default: false } },
});
const files = Number(positionals[0] ?? 2000);
const words = Number(args.words);
if (!Number.isInteger(files) || files < 1) throw new Error('usage: npm run bench:import -- NUMBER_OF_FILES');

const generate = exportFileGenerator({ seed: 7, words });

const MB = 1024 * 1024;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-import-'));
const filesDir = path.join(root, 'files');
fs.mkdirSync(filesDir);
process.stderr.write(`Writing ${files} files to ${filesDir}…\n`);
const works: GeneratedWork[] = [];
const names: string[] = [];
for (let i = 0; i < files; i++) {
  const work = generate(i);
  const file = path.join(filesDir, `work-${String(i + 1).padStart(6, '0')}.txt`);
  fs.writeFileSync(file, work.file);
  works.push({ ...work, file: '' });
  names.push(file);
}

// The real command, against a fresh archive with one admin.
const archiveDir = path.join(root, 'archive');
fs.mkdirSync(archiveDir);
const setup = openDatabase({ sqliteFile: sqliteFileIn(archiveDir) });
await migrateToLatest(setup);
await createUser(setup, {
  username: 'benchadmin',
  email: 'benchadmin@bench.invalid',
  passwordHash: 'not-a-password',
  isAdmin: true,
});
await setup.destroy();

const logFile = path.join(root, 'import.log');
const log = fs.openSync(logFile, 'w');
const consoleLog = console.log;
console.log = (...parts: unknown[]) => void fs.writeSync(log, `${parts.join(' ')}\n`);
process.env.QUIRE_DATA_DIR = archiveDir;
delete process.env.DATABASE_URL;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const status = await main(['import', ...names]);
const importSeconds = (performance.now() - started) / 1000;
const rssAfter = process.memoryUsage().rss;
console.log = consoleLog;
fs.closeSync(log);
const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
const perFile = lines.filter((l) => / \/works\/\d+$/.test(l)).length;

// The floor: the same works' and chapters' rows through one prepared statement each, one transaction.
const rawDir = path.join(root, 'raw');
fs.mkdirSync(rawDir);
const rawSetup = openDatabase({ sqliteFile: sqliteFileIn(rawDir) });
await migrateToLatest(rawSetup);
await rawSetup.destroy();
const raw = new Database(sqliteFileIn(rawDir));
raw.pragma('journal_mode = wal');
const insertWork = raw.prepare(
  `insert into works (title, summary, rating, language_id, status, expected_chapters, posted_chapters, word_count,
     published_on, created_at, revised_at) values (?, ?, ?, 1, 'posted', ?, ?, ?, ?, ?, ?)`,
);
const insertChapter = raw.prepare(
  `insert into chapters (work_id, position, title, body, word_count, is_posted, published_on, created_at, updated_at)
     values (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
);
const rawStarted = performance.now();
raw.transaction(() => {
  const now = new Date().toISOString();
  const day = now.slice(0, 10);
  for (const work of works) {
    const bodies = work.chapters.map((c) => plainTextToHtml(c.text));
    const { lastInsertRowid } = insertWork.run(
      work.title,
      plainTextToHtml(work.summary),
      'General Audiences',
      work.chapters.length,
      work.chapters.length,
      words,
      day,
      now,
      now,
    );
    bodies.forEach((body, n) =>
      insertChapter.run(lastInsertRowid, n + 1, work.chapters[n].title, body, 0, day, now, now),
    );
  }
})();
const rawSeconds = (performance.now() - rawStarted) / 1000;
raw.close();

const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} works/s`;
console.log(`\nbench:import — ${files} files of ~${words} words (SQLite)`);
console.log(`  quire import        ${importSeconds.toFixed(2)} s   ${rate(files, importSeconds)}   exit ${status}`);
console.log(`                      ${perFile} "file: /works/N" lines; summary: ${lines.at(-1)}`);
console.log(`                      RSS grew ${((rssAfter - rssBefore) / MB).toFixed(0)} MB during the import`);
console.log(
  `  raw SQLite insert   ${rawSeconds.toFixed(2)} s   ${rate(files, rawSeconds)}   (works + chapters rows only)`,
);
console.log(`  quire import is ${(importSeconds / rawSeconds).toFixed(1)}× the raw insert's time`);
if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
else console.log(`  kept ${root}`);
