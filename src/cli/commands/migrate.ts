/** `quire migrate`: applies pending migrations and says which. */
import { loadConfig } from '../../config.ts';
import { openDatabase, sqliteFileIn } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import type { Command } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  help: `Usage: quire migrate

Applies every pending migration to the configured database (the SQLite file
in QUIRE_DATA_DIR, or PostgreSQL when DATABASE_URL is set). Safe to run again:
it only applies what is missing. \`quire serve\` also migrates at start-up.`,
  async run() {
    const config = loadConfig();
    const db = openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
    );
    try {
      const result = await migrateToLatest(db);
      const applied = result.results ?? [];
      if (!applied.length) console.log('The database is up to date.');
      for (const migration of applied) console.log(`applied ${migration.migrationName}`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
