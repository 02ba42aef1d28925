/** `quire restore FILE`: puts a `quire backup` folder into an empty data folder. */
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { BackupError, restoreSqliteArchive } from '../../ops/backup.ts';
import { UsageError, type Command } from '../command.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a backup into an empty data folder',
  help: `Usage: quire restore FILE

Copies the backup folder FILE (made by \`quire backup\` on SQLite) into
QUIRE_DATA_DIR, which must be empty or not exist yet: nothing is overwritten.
Stop the server first; start it (or run \`quire doctor\`) afterwards.

On PostgreSQL, restore pg_dump's file with pg_restore into an empty database:
  pg_restore --no-owner --dbname=postgres://… FILE`,
  async run(args) {
    const [source, ...rest] = args.filter((a) => a !== '--');
    if (!source || rest.length) throw new UsageError('give the backup FILE (one path)');
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error(
        'This archive is on PostgreSQL (DATABASE_URL is set): restore a pg_dump file with\n' +
          `  pg_restore --no-owner --dbname=<DATABASE_URL> ${source}\ninto an empty database.`,
      );
      return 1;
    }
    try {
      const restored = await restoreSqliteArchive(path.resolve(source), config.dataDir);
      console.log(
        `Restored ${restored.works} works, ${restored.chapters} chapters and ${restored.users} accounts` +
          ` (backed up ${restored.createdAt}) into ${config.dataDir}. Check it with: quire doctor`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(`quire restore: ${error.message}`);
      return 1;
    }
  },
};
