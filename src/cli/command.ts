/**
 * The shape of a `quire` subcommand, and the shared pieces they use:
 * opening the configured database, and a usage error that prints help.
 */
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, sqliteFileIn } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';

export interface Command {
  name: string;
  summary: string;
  /** Full help text, printed for `quire NAME --help`. */
  help: string;
  /** Returns the process exit status. */
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {}

/** Opens and migrates the database the environment points at. */
export async function openConfiguredDatabase(config: Config = loadConfig()): Promise<Database> {
  const db = openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) });
  await migrateToLatest(db);
  return db;
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
