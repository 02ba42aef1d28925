/**
 * Real databases for tests: a fresh migrated SQLite file per call, and — when
 * QUIRE_TEST_DATABASE_URL is set — a fresh PostgreSQL database per call,
 * dropped afterwards. `forEachDatabase` runs a suite once per dialect.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import type { Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface TestDatabase {
  db: Db;
  dialect: DialectName;
  /** postgres:// URL or SQLite file path, for code that opens its own connection (the CLI). */
  target: { url?: string; sqliteFile?: string };
  destroy(): Promise<void>;
}

export const postgresUrl = process.env.QUIRE_TEST_DATABASE_URL || undefined;

export function testDialects(): DialectName[] {
  return postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
    const sqliteFile = path.join(dir, 'quire.sqlite');
    const db = openDatabase({ sqliteFile });
    await migrateToLatest(db);
    return {
      db,
      dialect,
      target: { sqliteFile },
      destroy: async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresUrl) throw new Error('QUIRE_TEST_DATABASE_URL is not set');
  const name = `quire_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ url: url.toString() });
  await migrateToLatest(db);
  return {
    db,
    dialect,
    target: { url: url.toString() },
    destroy: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Declares `suite` once per available dialect, each with its own fresh
 * database for the whole describe block: `forEachDatabase('works', (t) => …)`
 * where `t.db` is ready inside tests.
 */
export function forEachDatabase(
  title: string,
  suite: (t: { readonly db: Db; readonly test: TestDatabase }) => void,
): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      const handle = {
        get db() {
          if (!current) throw new Error('database not ready');
          return current.db;
        },
        get test() {
          if (!current) throw new Error('database not ready');
          return current;
        },
      };
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.destroy();
      });
      suite(handle);
    });
  }
}
