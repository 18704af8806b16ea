import { TesseraError } from '@tessera/sdk';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { PLUGIN_MIGRATIONS_LOCK_KEY, PLUGIN_MIGRATIONS_TABLE } from '../database.constants.js';
import { describeCause } from '../database-unavailable.messages.js';

interface NamedMigration {
  name: string;
  timestamp: number;
  instance: MigrationInterface;
}

/** Failure of one step, caught and turned into the plugin-level error at the top. */
class PluginMigrationStepError extends Error {
  constructor(
    readonly migration: string,
    readonly failure: unknown,
  ) {
    super(describeCause(failure));
  }
}

/**
 * Runs a plugin's own migrations in one transaction and records them in
 * `tessera_plugin_migrations` under the plugin's name: `'up'` runs the pending ones in
 * timestamp order, `'down'` reverts every one this plugin has run, newest first. Returns the
 * names it ran or reverted. Migration classes follow TypeORM's rule: the class (or its `name`)
 * ends with a 13-digit timestamp.
 *
 * @throws TesseraError PLUGIN_STARTUP_FAILED naming the migration and the cause; nothing of
 * the call is kept (PostgreSQL and PGlite both roll DDL back).
 * @example
 * await registerEntities(dataSource, [Note]);
 * await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000000], 'up');
 * // on uninstall --cleanup-data:
 * await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000000], 'down');
 */
export async function runPluginMigrations(
  dataSource: DataSource,
  pluginName: string,
  migrations: Function[],
  direction: 'up' | 'down',
): Promise<string[]> {
  const known = instantiate(pluginName, migrations);
  const queryRunner = dataSource.createQueryRunner('master');
  try {
    await queryRunner.startTransaction();
    // Instances sharing one PostgreSQL that start the same plugin take turns.
    await queryRunner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PLUGIN_MIGRATIONS_LOCK_KEY, pluginName]);
    const done = await executedNames(queryRunner, pluginName);
    const ran = direction === 'up' ? await migrateUp(queryRunner, pluginName, known, done) : await migrateDown(queryRunner, pluginName, known, done);
    await queryRunner.commitTransaction();
    return ran;
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
    const step = error instanceof PluginMigrationStepError ? `migration ${error.migration} (${direction})` : `its migrations (${direction})`;
    throw new TesseraError(
      'PLUGIN_STARTUP_FAILED',
      `Plugin "${pluginName}": ${step} failed: ${describeCause(error instanceof PluginMigrationStepError ? error.failure : error)}. Nothing of this run was applied; fix the migration and start the plugin again.`,
      { plugin: pluginName, direction, migration: error instanceof PluginMigrationStepError ? error.migration : undefined },
    );
  } finally {
    await queryRunner.release();
  }
}

async function migrateUp(queryRunner: QueryRunner, plugin: string, known: NamedMigration[], done: Set<string>): Promise<string[]> {
  const ran: string[] = [];
  for (const migration of known.filter((candidate) => !done.has(candidate.name))) {
    await step(migration, () => migration.instance.up(queryRunner));
    await queryRunner.query(`INSERT INTO "${PLUGIN_MIGRATIONS_TABLE}" ("plugin", "name") VALUES ($1, $2)`, [plugin, migration.name]);
    ran.push(migration.name);
  }
  return ran;
}

async function migrateDown(queryRunner: QueryRunner, plugin: string, known: NamedMigration[], done: Set<string>): Promise<string[]> {
  const byName = new Map(known.map((migration) => [migration.name, migration]));
  const unknown = [...done].filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new Error(`the database records migrations that were not given and cannot be reverted: ${unknown.join(', ')}`);
  }
  const reverted: string[] = [];
  for (const migration of [...known].reverse().filter((candidate) => done.has(candidate.name))) {
    await step(migration, () => migration.instance.down(queryRunner));
    await queryRunner.query(`DELETE FROM "${PLUGIN_MIGRATIONS_TABLE}" WHERE "plugin" = $1 AND "name" = $2`, [plugin, migration.name]);
    reverted.push(migration.name);
  }
  return reverted;
}

async function step(migration: NamedMigration, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new PluginMigrationStepError(migration.name, error);
  }
}

async function executedNames(queryRunner: QueryRunner, plugin: string): Promise<Set<string>> {
  const rows: Array<{ name: string }> = await queryRunner.query(`SELECT "name" FROM "${PLUGIN_MIGRATIONS_TABLE}" WHERE "plugin" = $1`, [plugin]);
  return new Set(rows.map((row) => row.name));
}

/** Instances in timestamp order; a name without a timestamp fails before anything runs. */
function instantiate(plugin: string, migrations: Function[]): NamedMigration[] {
  return migrations
    .map((migrationClass) => {
      const instance = new (migrationClass as new () => MigrationInterface)();
      const name = instance.name ?? migrationClass.name;
      const timestamp = Number(/(\d{13})$/.exec(name)?.[1]);
      if (!Number.isFinite(timestamp)) {
        throw new TesseraError(
          'PLUGIN_STARTUP_FAILED',
          `Plugin "${plugin}": migration ${name} has no timestamp. Name migration classes like CreateNotes1795000000000 (a JavaScript timestamp at the end).`,
          { plugin, migration: name },
        );
      }
      return { name, timestamp, instance };
    })
    .sort((a, b) => a.timestamp - b.timestamp);
}
