import type { PluginManifest, TesseraError } from '@tessera/sdk';

/**
 * One plugin folder found by discovery. Exactly one of `manifest` and `error` is set: a plugin
 * with an error (invalid plugin.yaml, name already taken) must not be loaded.
 */
export interface DiscoveredPlugin {
  /** Absolute path of the plugin folder. */
  dir: string;
  /** Absolute path of its plugin.yaml. */
  manifestPath: string;
  manifest?: PluginManifest;
  warnings: string[];
  error?: TesseraError;
}

/**
 * The plugins found, sorted by name (the folder's name when the manifest is unreadable), plus
 * warnings about the search itself (a plugin folder that does not exist).
 */
export type DiscoveryResult = DiscoveredPlugin[] & { warnings: string[] };
