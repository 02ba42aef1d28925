/**
 * The `quire` command line: `quire <command> [options]`, with `--help` on
 * every subcommand. Configuration errors stop with a one-line reason.
 */
import { ConfigError } from '../config.ts';
import { UsageError, wantsHelp, type Command } from './command.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { searchCommand } from './commands/search.ts';
import { tagsCommand } from './commands/tags.ts';
import { seedCommand } from './commands/seed.ts';

const commands: Command[] = [
  serveCommand,
  migrateCommand,
  userCommand,
  importCommand,
  exportCommand,
  searchCommand,
  tagsCommand,
  seedCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: quire <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`quire: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
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

const isEntryPoint = process.argv[1] && /(cli[\\/]main\.ts|bin[\\/]quire(\.js)?)$/.test(process.argv[1]);
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
