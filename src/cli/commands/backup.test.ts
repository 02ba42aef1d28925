/**
 * `quire backup` of a SQLite archive taken while works are being written,
 * restored with `quire restore` into an empty folder: every work there when
 * the backup began is back, and the restored archive passes `quire doctor`
 * and `quire tags verify`. On PostgreSQL without pg_dump, backup explains.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { runQuire } from '../../../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork } from '../../../test/support/factories.ts';

let live: TestDatabase;
let scratch: string;

beforeAll(async () => {
  live = await createTestDatabase('sqlite');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-backup-test-'));
});
afterAll(async () => {
  await live.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const paragraph = '<p>The ferry crossed twice a day, and the keeper counted every lamp on the far shore.</p>';

async function workIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('works').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

it('backs up a live archive while works are written, and restores it whole', async () => {
  const writer = await makeUser(live.db, { username: 'ferrykeeper' });
  for (let i = 0; i < 40; i++) {
    await makeWork(live.db, writer, {
      freeforms: [`Harbour Lights ${i % 5}`],
      chapters: [{ title: '', summary: '', notes: '', endNotes: '', body: paragraph.repeat(150) }],
    });
  }
  // A data-folder file besides the database, and a cached download that the backup leaves out.
  const dataDir = path.dirname(live.target.sqliteFile!);
  fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'kept with the archive\n');
  fs.mkdirSync(path.join(dataDir, 'cache', 'downloads'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'cache', 'downloads', 'w1.epub'), 'rebuilt on demand');
  // A member's data export lives a day and is theirs alone: not kept in backups either.
  fs.mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'exports', '1-abc.zip'), 'one member, one day');

  const before = await workIds(live.db);
  let isBackingUp = true;
  let writtenDuring = 0;
  const writes = (async () => {
    while (isBackingUp) {
      await makeWork(live.db, writer, { freeforms: ['Written Mid-Backup'] });
      writtenDuring++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const backupDir = path.join(scratch, 'nightly');
  const backup = await runQuire(live.target, 'backup', backupDir).finally(() => (isBackingUp = false));
  await writes;

  expect(backup.stderr).toBe('');
  expect(backup.status).toBe(0);
  expect(backup.stdout).toMatch(/Copying the database: \d+% of \d+ pages/);
  expect(backup.stdout).toMatch(/Backed up \d+ works, \d+ chapters and 1 accounts \(and 1 other files\)/);
  expect(writtenDuring).toBeGreaterThan(0);
  expect(fs.existsSync(path.join(backupDir, 'cache'))).toBe(false);
  expect(fs.existsSync(path.join(backupDir, 'exports'))).toBe(false);

  const restoredDir = path.join(scratch, 'restored');
  const restoredTarget = { sqliteFile: path.join(restoredDir, 'quire.sqlite') };
  const restore = await runQuire(restoredTarget, 'restore', backupDir);
  expect(restore.stderr).toBe('');
  expect(restore.status).toBe(0);
  expect(restore.stdout).toMatch(/Restored \d+ works/);
  expect(fs.readFileSync(path.join(restoredDir, 'notes.txt'), 'utf8')).toBe('kept with the archive\n');

  const restored = openDatabase(restoredTarget);
  try {
    const ids = await workIds(restored);
    expect(ids.slice(0, before.length)).toEqual(before);
    // Whatever was written during the copy is either wholly there or not at all: each work has its chapter.
    const chapterless = await restored
      .selectFrom('works')
      .leftJoin('chapters', 'chapters.work_id', 'works.id')
      .where('chapters.id', 'is', null)
      .select('works.id')
      .execute();
    expect(chapterless).toEqual([]);
  } finally {
    await restored.destroy();
  }

  const doctor = await runQuire(restoredTarget, 'doctor');
  expect(doctor.stdout).not.toContain('FAIL');
  expect(doctor.stdout).toContain('ok    migrations');
  expect(doctor.status).toBe(0);
  const verify = await runQuire(restoredTarget, 'tags', 'verify');
  expect(verify.status).toBe(0);

  const again = await runQuire(restoredTarget, 'restore', backupDir);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('is not empty');
});

it('refuses to restore a folder that is not a backup', async () => {
  const notBackup = fs.mkdtempSync(path.join(scratch, 'random-'));
  const result = await runQuire({ sqliteFile: path.join(scratch, 'elsewhere', 'quire.sqlite') }, 'restore', notBackup);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('is not a Quire backup folder');
});

it('on PostgreSQL without pg_dump, explains what backup would run and how to install it', async () => {
  const savedPath = process.env.PATH;
  process.env.PATH = fs.mkdtempSync(path.join(scratch, 'empty-path-'));
  try {
    const result = await runQuire({ url: 'postgres://quire@127.0.0.1:1/archive' }, 'backup', 'archive.dump');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('This archive is on PostgreSQL: quire backup runs pg_dump');
    expect(result.stderr).toContain('pg_dump is not on PATH');
    expect(result.stderr).toContain('apt install postgresql-client');
  } finally {
    process.env.PATH = savedPath;
  }
});
