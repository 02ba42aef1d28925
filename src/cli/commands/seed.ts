/**
 * `quire seed --demo`: loads the demo archive (three public-domain book
 * fandoms, wrangled, and a few dozen short original works by demo users)
 * into an empty archive, and says how to log in.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../../config.ts';
import { ArchiveNotEmptyError, DEMO_USERS, loadDemo } from '../../seed/load-demo.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';

const HELP = `Usage: quire seed --demo [--password PASSWORD]

Fills an EMPTY archive (no accounts, no works) with a demo: the fandoms
Les Misérables - Victor Hugo, Sherlock Holmes - Arthur Conan Doyle and
Pride and Prejudice - Jane Austen with wrangled characters, relationships,
synonyms and meta tags; a few dozen short original works in English,
Chinese and Russian; and demo accounts (${DEMO_USERS.join(', ')}).
${DEMO_USERS[0]} is an admin and tag wrangler. Every demo account gets the same
password: --password, or a generated one printed at the end.

Refuses (exit 1) when the archive already has accounts or works: seed a fresh one with\nanother QUIRE_DATA_DIR (or another empty database in DATABASE_URL).`;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'load a demo archive into an empty one (--demo)',
  help: HELP,
  async run(args) {
    const { values } = parseCommandArgs({ args, options: { demo: { type: 'boolean' }, password: { type: 'string' } } });
    if (!values.demo) throw new UsageError('only --demo is available');
    if (values.password !== undefined && values.password.length < 8)
      throw new UsageError('--password needs at least 8 characters');
    const password = values.password ?? crypto.randomBytes(12).toString('base64url');
    const config = loadConfig();
    const db = await openConfiguredDatabase(config);
    try {
      const summary = await loadDemo(db, password);
      console.log(
        [
          `Loaded the demo: ${summary.works} works and ${summary.tags} tags by ${summary.users.length} demo accounts.`,
          '',
          `Start it with \`PORT=${config.port} quire serve\` and open ${config.baseUrl}/`,
          `Log in at ${config.baseUrl}/login as any of: ${summary.users.join(', ')}`,
          `  (${summary.users[0]} is an admin and tag wrangler: try ${config.baseUrl}/wrangling)`,
          `Password for every demo account: ${password}`,
          values.password === undefined
            ? 'It is not shown again; keep it, or seed a fresh archive with --password.'
            : '',
        ]
          .filter((line, i, all) => line || i < all.length - 1)
          .join('\n'),
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ArchiveNotEmptyError)) throw error;
      console.error(`quire seed: ${error.message}`);
      console.error(
        config.databaseUrl
          ? 'To try the demo, seed a fresh archive: point DATABASE_URL at a new, empty database and run `quire seed --demo` again.'
          : 'To try the demo, seed a fresh archive in another data folder: `QUIRE_DATA_DIR=./demo-data quire seed --demo`, then serve it with the same QUIRE_DATA_DIR.',
      );
      return 1;
    } finally {
      await db.destroy();
    }
  },
};
