import { Module, type DynamicModule } from '@nestjs/common';
import { PluginStateStore } from '@tessera/kernel';
import type { PluginManifest } from '@tessera/sdk';

const STORED_CONFIG = Symbol('tessera.testing.stored-config');

/**
 * Writes a plugin's row in `tessera_plugins`, with `config`, while the host is being built:
 * Nest creates every provider before any `onApplicationBootstrap`, and the kernel reads the
 * rows in its own, so the plugin starts once, with these values, exactly as after an admin
 * saved them (`onPluginLoad` sees them too). The row is made by the kernel's own store:
 * enabled, the manifest's required permissions granted.
 *
 * Alternatives measured or weighed: a DataSource of its own before boot cost ~0.6 s more per
 * boot on PGlite (a second open of the folder); writing after boot and restarting the plugin
 * runs `onPluginLoad` twice and fails for a plugin whose defaults alone cannot start.
 */
@Module({})
export class StoredConfigModule {
  static forPlugin(manifest: PluginManifest, config: Record<string, unknown>): DynamicModule {
    return {
      module: StoredConfigModule,
      providers: [
        {
          provide: STORED_CONFIG,
          useFactory: async (store: PluginStateStore) => {
            await store.ensure(manifest);
            await store.update(manifest.name, { config });
            return config;
          },
          inject: [PluginStateStore],
        },
      ],
    };
  }
}
