import { runPluginMigrations } from '@tessera/database';
import type { PluginManifest } from '@tessera/sdk';
import type { DataSource, MigrationInterface } from 'typeorm';
import { loadPluginEntry } from '../loader/plugin-entry.loader.js';

// Owned by libs/database (PLUGIN_MIGRATIONS_TABLE), which does not export the name.
const MIGRATIONS_TABLE = 'tessera_plugin_migrations';

/** One migration of a plugin that the database records as run. */
export interface ExecutedMigration {
  name: string;
  run_at: string;
}

/**
 * The migrations of `plugin` the database records as run, oldest first.
 *
 * @example
 * await executedMigrations(dataSource, 'notes'); // [{ name: 'CreateNotes1795000000000', run_at: '2026-11-20T10:15:00.000Z' }]
 */
export async function executedMigrations(dataSource: DataSource, plugin: string): Promise<ExecutedMigration[]> {
  const rows: Array<{ name: string; run_at: Date | string }> = await dataSource.query(
    `SELECT "name", "run_at" FROM "${MIGRATIONS_TABLE}" WHERE "plugin" = $1 ORDER BY "run_at", "name"`,
    [plugin],
  );
  return rows.map((row) => ({ name: row.name, run_at: new Date(row.run_at).toISOString() }));
}

/**
 * Runs every down migration of a plugin folder's code: what a failed first install ran is
 * undone, so its tables do not outlive it.
 *
 * @example
 * await revertPluginMigrations(dataSource, 'plugins/notes', manifest);
 */
export async function revertPluginMigrations(dataSource: DataSource, dir: string, manifest: PluginManifest): Promise<string[]> {
  const entry = await loadPluginEntry(dir, manifest);
  return entry.migrations.length === 0 ? [] : runPluginMigrations(dataSource, manifest.name, entry.migrations, 'down');
}

/**
 * Runs the down migrations, newest first and in one transaction, of only the named migrations
 * of a plugin folder's code: those a failed update ran, leaving the ones the previous version
 * relies on. (`runPluginMigrations` reverts all of a plugin's migrations or none.)
 *
 * @example
 * await revertMigrationsNamed(dataSource, 'plugins/notes', manifest, ['AddTags1795400000002']);
 */
export async function revertMigrationsNamed(dataSource: DataSource, dir: string, manifest: PluginManifest, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  const entry = await loadPluginEntry(dir, manifest);
  const chosen = entry.migrations
    .map((migrationClass) => {
      const instance = new (migrationClass as new () => MigrationInterface)();
      return { name: instance.name ?? migrationClass.name, instance };
    })
    .filter((migration) => wanted.has(migration.name))
    .sort((a, b) => timestampOf(b.name) - timestampOf(a.name));
  const queryRunner = dataSource.createQueryRunner('master');
  try {
    await queryRunner.startTransaction();
    for (const migration of chosen) {
      await migration.instance.down(queryRunner);
      await queryRunner.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE "plugin" = $1 AND "name" = $2`, [manifest.name, migration.name]);
    }
    await queryRunner.commitTransaction();
    return chosen.map((migration) => migration.name);
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await queryRunner.release();
  }
}

const timestampOf = (name: string): number => Number(/(\d{13})$/.exec(name)?.[1] ?? 0);
