import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { executedMigrations, type ExecutedMigration } from './plugin-migration-state.js';

/** What a backup holds of a plugin's data. */
export interface PluginDataSnapshot {
  /** Its migrations the database records as run (`tessera_plugin_migrations`), oldest first. */
  migrations: ExecutedMigration[];
  /** Its tables, each dumped to `data/<table>.json`, with their row counts. */
  tables: Array<{ name: string; rows: number }>;
}

const tablePrefix = (plugin: string): string => plugin.replace(/-/g, '_');

/**
 * Dumps a plugin's tables (named `<prefix>` or `<prefix>_*`, the kernel's naming rule, minus the
 * tables of another plugin whose longer prefix also matches) as JSON, and reads its migration
 * state. Kept in backups so an admin can see, and restore by hand, what the plugin held.
 *
 * @example
 * await snapshotPluginData(dataSource, 'notes', ['notes-archive'], 'data/backups/notes-1.0.0-20261120T101500000Z');
 */
export async function snapshotPluginData(dataSource: DataSource, plugin: string, otherPlugins: readonly string[], intoDir: string): Promise<PluginDataSnapshot> {
  const migrations = await executedMigrations(dataSource, plugin);
  const prefix = tablePrefix(plugin);
  const longer = otherPlugins.map(tablePrefix).filter((other) => other.startsWith(`${prefix}_`));
  const found: Array<{ table_name: string }> = await dataSource.query(
    `SELECT "table_name" FROM information_schema.tables WHERE "table_schema" = current_schema() AND "table_type" = 'BASE TABLE' AND ("table_name" = $1 OR starts_with("table_name", $2)) ORDER BY "table_name"`,
    [prefix, `${prefix}_`],
  );
  const tables = found.map((row) => row.table_name).filter((table) => !longer.some((other) => table === other || table.startsWith(`${other}_`)));
  const dumped: PluginDataSnapshot['tables'] = [];
  if (tables.length > 0) await mkdir(join(intoDir, 'data'), { recursive: true });
  for (const table of tables) {
    const rows: unknown[] = await dataSource.query(`SELECT * FROM "${table.replace(/"/g, '""')}"`);
    await writeFile(join(intoDir, 'data', `${table}.json`), JSON.stringify(rows), { mode: 0o600 });
    dumped.push({ name: table, rows: rows.length });
  }
  return { migrations, tables: dumped };
}
