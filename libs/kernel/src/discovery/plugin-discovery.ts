import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isTesseraError, TesseraError } from '@tessera/sdk';
import { displayPath } from '../manifest/display-path.js';
import { MANIFEST_FILE } from '../manifest/manifest-schema.constants.js';
import { ManifestError } from '../manifest/manifest.exception.js';
import { loadManifest } from '../manifest/manifest.loader.js';
import type { DiscoveredPlugin, DiscoveryResult } from './discovered-plugin.interface.js';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory(); // follows links: a linked plugin folder counts
  } catch {
    return false;
  }
}

function discoverOne(dir: string, env: NodeJS.ProcessEnv): DiscoveredPlugin {
  const manifestPath = join(dir, MANIFEST_FILE);
  try {
    const { manifest, warnings } = loadManifest(dir, env);
    return { dir, manifestPath, manifest, warnings };
  } catch (error) {
    const failure = isTesseraError(error)
      ? error
      : new TesseraError('PLUGIN_MANIFEST_INVALID', `${displayPath(manifestPath)}: ${(error as Error)?.message ?? String(error)}`);
    return { dir, manifestPath, warnings: error instanceof ManifestError ? error.warnings : [], error: failure };
  }
}

function duplicateError(plugin: DiscoveredPlugin, first: DiscoveredPlugin): TesseraError {
  const name = plugin.manifest!.name;
  return new TesseraError(
    'PLUGIN_MANIFEST_INVALID',
    `${displayPath(plugin.manifestPath)}: plugin name "${name}" is already used by ${displayPath(first.dir)}; ` +
      `rename one of them (field "name") or remove the copy in ${displayPath(plugin.dir)}`,
    { field: 'name', name, dir: plugin.dir, conflictsWith: first.dir },
  );
}

const sortName = (plugin: DiscoveredPlugin): string => plugin.manifest?.name ?? basename(plugin.dir);

/**
 * Finds the plugins in `dirs`: every direct subfolder holding a plugin.yaml, each manifest loaded
 * and checked. A broken plugin gets its `error` and the others still load. When two plugins have
 * the same name, the first found keeps it (earlier `dirs` first, then folder names in order) and
 * the other gets an error naming both folders. A missing dir is skipped with a warning.
 *
 * @example
 * const found = discoverPlugins(['plugins', '/var/lib/tessera/plugins']);
 * for (const plugin of found) if (plugin.error) console.error(plugin.error.message);
 * found.warnings; // ['plugin folder /var/lib/tessera/plugins does not exist; skipped']
 */
export function discoverPlugins(dirs: readonly string[], env: NodeJS.ProcessEnv = process.env): DiscoveryResult {
  const warnings: string[] = [];
  const found: DiscoveredPlugin[] = [];
  for (const root of dirs.map((dir) => resolve(dir))) {
    if (!isDirectory(root)) {
      warnings.push(`plugin folder ${displayPath(root)} does not exist; skipped`);
      continue;
    }
    const folders = readdirSync(root).sort();
    for (const folder of folders) {
      const dir = join(root, folder);
      if (isDirectory(dir) && existsSync(join(dir, MANIFEST_FILE))) found.push(discoverOne(dir, env));
    }
  }

  const owners = new Map<string, DiscoveredPlugin>();
  const checked = found.map((plugin): DiscoveredPlugin => {
    if (!plugin.manifest) return plugin;
    const first = owners.get(plugin.manifest.name);
    if (!first) {
      owners.set(plugin.manifest.name, plugin);
      return plugin;
    }
    return { dir: plugin.dir, manifestPath: plugin.manifestPath, warnings: plugin.warnings, error: duplicateError(plugin, first) };
  });
  // Array#sort is stable, so a duplicate stays after the plugin that kept the name.
  checked.sort((a, b) => (sortName(a) < sortName(b) ? -1 : sortName(a) > sortName(b) ? 1 : 0));
  return Object.assign(checked, { warnings });
}
