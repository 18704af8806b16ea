import { runPluginMigrations } from '@tessera/database';
import type { PluginManifest } from '@tessera/sdk';
import type { DataSource } from 'typeorm';
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
 * Runs the down migrations of a plugin folder's code: what a failed first install ran is
 * undone, so its tables do not outlive it.
 *
 * @example
 * await revertPluginMigrations(dataSource, 'plugins/notes', manifest);
 */
export async function revertPluginMigrations(dataSource: DataSource, dir: string, manifest: PluginManifest): Promise<string[]> {
  const entry = await loadPluginEntry(dir, manifest);
  return entry.migrations.length === 0 ? [] : runPluginMigrations(dataSource, manifest.name, entry.migrations, 'down');
}
