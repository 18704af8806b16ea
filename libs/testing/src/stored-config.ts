import { createDataSource, type DatabaseOptions } from '@tessera/database';
import { kernelEntities, kernelMigrations, PluginStateStore } from '@tessera/kernel';
import type { PluginManifest } from '@tessera/sdk';

/**
 * Writes a plugin's row in `tessera_plugins` with `config` before the host boots, through the
 * kernel's own store (so the row is exactly what first sight would create: enabled, the
 * manifest's required permissions granted). The kernel then reads it at boot like any stored
 * config: the plugin starts once, with these values, and `onPluginLoad` sees them.
 * Writing after boot and restarting the plugin would run `onPluginLoad` twice and fail for a
 * plugin whose defaults alone cannot start.
 */
export async function storePluginConfig(database: DatabaseOptions, manifest: PluginManifest, config: Record<string, unknown>): Promise<void> {
  const dataSource = await createDataSource({ ...database, entities: kernelEntities, migrations: kernelMigrations });
  try {
    const store = new PluginStateStore(dataSource);
    await store.ensure(manifest);
    await store.update(manifest.name, { config });
  } finally {
    // PGlite holds a lock on its folder until the DataSource is destroyed; the host opens it next.
    await dataSource.destroy();
  }
}
