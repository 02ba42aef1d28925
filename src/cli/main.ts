/**
 * The `quire` command line: `quire <command> [options]`, with `--help` on
 * every subcommand. Configuration errors stop with a one-line reason.
 */
import { ConfigError } from '../config.ts';
import { UsageError, wantsHelp, type Command } from './command.ts';

/**
 * Each subcommand's module is imported only when that command runs: the
 * server, PDFKit, the importers and the wrangling code cost a second of
 * start-up that `quire user …` or `--help` has no use for. The summaries
 * live here so that `quire --help` loads none of them (main.test.ts checks
 * that they match the commands').
 */
export const commandTable: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'serve',
    summary: 'serve the archive over HTTP (what npm start runs)',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'apply pending database migrations',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  {
    name: 'user',
    summary: 'create accounts, grant or revoke roles, export or delete an account',
    load: async () => (await import('./commands/user.ts')).userCommand,
  },
  {
    name: 'import',
    summary: 'import works from plain-text export files',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  {
    name: 'export',
    summary: 'write a work in the plain-text export format',
    load: async () => (await import('./commands/export.ts')).exportCommand,
  },
  {
    name: 'search',
    summary: 'maintain the search index (reindex)',
    load: async () => (await import('./commands/search.ts')).searchCommand,
  },
  {
    name: 'tags',
    summary: 'wrangle tags (canonical, synonym, meta, parent, kind…), show a tag, verify filter tags',
    load: async () => (await import('./commands/tags.ts')).tagsCommand,
  },
  {
    name: 'backup',
    summary: 'copy the live archive (database and data folder) to a backup',
    load: async () => (await import('./commands/backup.ts')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'restore a backup into an empty data folder',
    load: async () => (await import('./commands/restore.ts')).restoreCommand,
  },
  {
    name: 'doctor',
    summary: 'check the configuration, database, fonts, tools, disk and mail',
    load: async () => (await import('./commands/doctor.ts')).doctorCommand,
  },
  {
    name: 'seed',
    summary: 'load a demo archive into an empty one (--demo)',
    load: async () => (await import('./commands/seed.ts')).seedCommand,
  },
];

function usage(): string {
  const width = Math.max(...commandTable.map((c) => c.name.length));
  return [
    'Usage: quire <command> [options]',
    '',
    'Commands:',
    ...commandTable.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `quire <command> --help` for a command's options.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const entry = commandTable.find((c) => c.name === name);
  if (!entry) {
    console.error(`quire: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (wantsHelp(args)) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`quire: configuration error: ${error.message}`);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`quire ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}

// Run as `node dist/src/cli/main.js`, `tsx src/cli/main.ts` or through bin/quire.js (which sets QUIRE_CLI).
const isEntryPoint = process.argv[1] && /(cli[\\/]main\.[jt]s|bin[\\/]quire(\.js)?)$/.test(process.argv[1]);
if (isEntryPoint || process.env.QUIRE_CLI === '1') {
  main(process.argv.slice(2)).then(
    (status) => {
      if (status !== 0 || !process.argv.includes('serve')) process.exitCode = status;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
