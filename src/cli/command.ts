/**
 * The shape of a `quire` subcommand, and the shared pieces they use:
 * opening the configured database, and a usage error that prints help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, sqliteFileIn } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
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

/** node:util parseArgs, with an unknown or malformed option reported as a usage error (help, exit 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Opens and migrates the database the environment points at. */
export async function openConfiguredDatabase(config: Config = loadConfig()): Promise<Db> {
  const db = openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
  );
  await migrateToLatest(db);
  return db;
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
