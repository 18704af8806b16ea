import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Type } from '@nestjs/common';
import { getPluginMetadata, TesseraError, type PluginManifest } from '@tessera/sdk';
import { useFreshPluginModules } from './fresh-plugin-modules.js';

let generation = 0;

/** The compiled entry of a plugin, imported fresh, with its `@Plugin` class. */
export interface LoadedEntry {
  pluginClass: Type;
  entities: Function[];
  migrations: Function[];
}

/**
 * Imports `entry_point` with a new query string each time, so a restart or an update runs
 * the code now on disk. Node never evicts ES modules: every reload keeps the old module
 * graph in memory (a few tens of KB for a small plugin; see docs/architecture.md).
 */
export async function loadPluginEntry(dir: string, manifest: PluginManifest): Promise<LoadedEntry> {
  const root = resolve(dir);
  const file = resolve(root, manifest.entry_point);
  if (!file.startsWith(root + sep)) {
    throw new TesseraError('PLUGIN_MANIFEST_INVALID', `${manifest.name}: entry_point "${manifest.entry_point}" points outside the plugin folder.`);
  }
  if (!existsSync(file)) {
    throw new TesseraError(
      'PLUGIN_STARTUP_FAILED',
      `${manifest.name}: entry_point ${manifest.entry_point} does not exist in ${dir}. Build the plugin first (npm run build).`,
    );
  }
  // The plugin's own files are re-read too, not only its entry (see fresh-plugin-modules.ts).
  useFreshPluginModules();
  const module = (await import(`${pathToFileURL(file).href}?v=${++generation}`)) as Record<string, unknown>;
  const candidates = Object.values(module).filter((value) => getPluginMetadata(value));
  if (candidates.length !== 1) {
    throw new TesseraError(
      'PLUGIN_STARTUP_FAILED',
      `${manifest.name}: ${manifest.entry_point} must export exactly one class decorated with @Plugin() (found ${candidates.length}).`,
    );
  }
  const pluginClass = candidates[0] as Type;
  const metadata = getPluginMetadata(pluginClass)!;
  return { pluginClass, entities: metadata.entities, migrations: metadata.migrations };
}
