import type { Command } from 'commander';
import { hostDatabaseOptions } from '../host/host-database.js';
import { print } from '../output/print.js';
import type { CliCommand } from './cli-command.interface.js';

async function migrate(): Promise<void> {
  const { describeDatabase, runMigrations } = await import('@tessera/database');
  const options = await hostDatabaseOptions();
  const where = describeDatabase(options);
  const applied = await runMigrations(options);
  if (applied.length === 0) {
    print(`Nothing to migrate: ${where} is up to date.`);
    return;
  }
  print(`${applied.length} ${applied.length === 1 ? 'migration' : 'migrations'} applied to ${where}: ${applied.join(', ')}`);
}

/** `tessera migrate`: runs the host's pending migrations, as the server does at boot. */
export const migrateCommand: CliCommand = {
  register: (program: Command) =>
    program
      .command('migrate')
      .description("Run the host's pending database migrations (every framework lib), then exit")
      .addHelpText(
        'after',
        `
Uses the server's configuration: DATABASE_URL (PostgreSQL) or, when unset, the embedded
PGlite database in DATA_DIR (default ./data), from the environment or .env.
The server runs the same migrations at boot; a plugin's migrations run when it loads.
A failing migration rolls the whole run back and exits 1.`,
      )
      .action(migrate),
};
