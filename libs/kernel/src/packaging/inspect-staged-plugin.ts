import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isTesseraError, type PluginManifest } from '@tessera/sdk';
import { resolveLoadOrder } from '../graph/dependency-graph.js';
import { toPluginNode } from '../graph/plugin-node.interface.js';
import { loadManifest, type LoadedManifest } from '../manifest/manifest.loader.js';
import { packageRejected } from './package-rejected.js';

/** The plugins a package is checked against. */
export interface InstalledSet {
  /** The framework version manifests' `framework_version` ranges must accept. */
  frameworkVersion: string;
  /** Manifests of the active plugins (a plugin being updated is replaced by the package). */
  active: PluginManifest[];
}

/**
 * Checks an unpacked plugin before it is moved into place: a valid plugin.yaml, a built entry
 * inside the package, a framework version it accepts, its plugin dependencies active at versions
 * it accepts, and no active plugin whose dependency range the package's version would break.
 *
 * @throws TesseraError PLUGIN_INSTALLATION_FAILED; `details.reason` is the failed check's own code
 * (PLUGIN_MANIFEST_INVALID, PLUGIN_INCOMPATIBLE, PLUGIN_DEPENDENCY_ERROR...).
 * @example
 * const { manifest } = inspectStagedPlugin(staged.dir, { frameworkVersion: '1.0.0', active: loader.list().flatMap(...) });
 */
export function inspectStagedPlugin(dir: string, installed: InstalledSet): LoadedManifest {
  let loaded: LoadedManifest;
  try {
    loaded = loadManifest(dir);
  } catch (error) {
    if (!isTesseraError(error)) throw packageRejected(`its plugin.yaml cannot be read: ${(error as Error)?.message ?? String(error)}`);
    throw packageRejected(`its plugin.yaml is invalid: ${stripLocation(error.message)}`, { reason: error.code, problems: error.details });
  }
  const { manifest } = loaded;
  const root = resolve(dir);
  const entry = resolve(root, manifest.entry_point);
  if (!entry.startsWith(root + sep)) throw packageRejected(`entry_point "${manifest.entry_point}" points outside the package`, { reason: 'PLUGIN_MANIFEST_INVALID' });
  if (!existsSync(entry) || !statSync(entry).isFile()) {
    throw packageRejected(`its entry_point ${manifest.entry_point} is not in the package; build the plugin before packing it`, { reason: 'PLUGIN_MANIFEST_INVALID' });
  }
  const others = installed.active.filter((other) => other.name !== manifest.name);
  const { failures } = resolveLoadOrder([...others, manifest].map(toPluginNode), installed.frameworkVersion);
  const own = failures.get(manifest.name);
  if (own) throw packageRejected(own.message, { reason: own.code });
  const broken = [...failures.entries()].find(([name]) => name !== manifest.name);
  if (broken) {
    const [name, failure] = broken;
    throw packageRejected(`${manifest.name} ${manifest.version} would break the active plugin "${name}": ${failure.message}`, { reason: failure.code, plugin: name });
  }
  return loaded;
}

/** The staging folder's path means nothing to the admin: keep the part after `plugin.yaml: `. */
function stripLocation(message: string): string {
  const marker = message.indexOf('plugin.yaml: ');
  return marker === -1 ? message : message.slice(marker + 'plugin.yaml: '.length);
}
