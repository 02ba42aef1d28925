/**
 * Opens the archive's database: the SQLite file in the data folder by
 * default (WAL mode, foreign keys on), or PostgreSQL when DATABASE_URL is a
 * `postgres://` URL. Everything above this file is dialect-agnostic.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import { createRequire } from 'node:module';
import type { Db, Tables } from './database.ts';

export interface DatabaseTarget {
  /** A postgres:// URL, or a path to a SQLite file (`:memory:` allowed). */
  url?: string;
  sqliteFile?: string;
}

export function openDatabase(target: DatabaseTarget): Db {
  if (target.url) return openPostgres(target.url);
  return openSqlite(target.sqliteFile ?? ':memory:');
}

/** Told each query's duration in ms and whether it failed (the metrics' database histogram). */
export type QueryTimer = (durationMs: number, failed: boolean) => void;

const queryTimers = new WeakMap<Db, Set<QueryTimer>>();

/**
 * Calls `timer` after every query `db` (or a transaction of it) runs, until the returned function is
 * called. Kysely's `log` option is fixed when the handle is made, so each handle logs into a set of timers.
 */
export function timeQueries(db: Db, timer: QueryTimer): () => void {
  const timers = queryTimers.get(db);
  timers?.add(timer);
  return () => void timers?.delete(timer);
}

function withQueryTimers(make: (log: (event: LogEvent) => void) => Db): Db {
  const timers = new Set<QueryTimer>();
  const db = make((event) => {
    for (const timer of timers) timer(event.queryDurationMillis, event.level === 'error');
  });
  queryTimers.set(db, timers);
  return db;
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return withQueryTimers(
    (log) => new Kysely<Tables>({ dialect: new SqliteDialect({ database: reusingStatements(database) }), log }),
  );
}

/** How many prepared statements one SQLite connection keeps for reuse (the most recently used). */
const KEPT_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite driver sees it, with each prepared statement kept for the next query with
 * the same SQL: the driver prepares every query afresh, and preparing took more of a page's time than
 * running its queries (a guest's work page asks eighteen). Safe because the driver runs one query at a
 * time on its one connection, each to the end (all() or run()); SQLite re-prepares a kept statement itself
 * after a schema change.
 */
function reusingStatements(database: SQLite.Database): Pick<SQLite.Database, 'close' | 'prepare'> {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: ((source: string) => {
      let statement = kept.get(source);
      if (statement) {
        kept.delete(source); // moved to the newest end
      } else {
        statement = database.prepare(source);
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      }
      kept.set(source, statement);
      return statement;
    }) as SQLite.Database['prepare'],
  };
}

function openPostgres(url: string): Db {
  // Loaded on first use, so an archive on SQLite never holds the PostgreSQL driver in memory.
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  // COUNT(*) and bigint columns come back from pg as strings; our counts fit in a JS number.
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  // The archive asks many small questions. A parallel worker costs more to start than such a query takes,
  // and on a small machine it competes with the server for the same cores, so Quire's sessions use none —
  // unless the URL sets its own `options` (e.g. ?options=-c%20max_parallel_workers_per_gather%3D2).
  const options = new URL(url).searchParams.has('options') ? undefined : '-c max_parallel_workers_per_gather=0';
  const pool = new pg.Pool({ connectionString: url, max: 10, options });
  // An idle client whose connection the server ends (restart, admin termination) emits 'error'
  // on the pool; unhandled, that would crash the process. The pool replaces the client by itself.
  pool.on('error', (error) => console.error(`PostgreSQL idle connection lost: ${error.message}`));
  return withQueryTimers((log) => new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log }));
}

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'quire.sqlite');
}
