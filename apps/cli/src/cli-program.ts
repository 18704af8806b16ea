import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerCommands } from './commands/commands.registry.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The `tessera` program with every command registered. Commander reports its own errors
 * (unknown command or option, missing argument) followed by the usage, and throws instead of
 * exiting, so `runCli` decides the exit code.
 */
export function createCliProgram(): Command {
  const program = new Command('tessera')
    .description('Tessera command line: database migrations, admin accounts and plugins')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `
Configuration comes from the environment and a .env file in the working directory, as for
the server (DATABASE_URL, DATA_DIR, PLUGIN_DIRS, ...). Run "tessera <command> --help" for
the details of a command.`,
    );
  registerCommands(program);
  return program;
}
