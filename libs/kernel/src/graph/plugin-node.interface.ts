import type { PluginManifest } from '@tessera/sdk';

/** What the dependency graph needs to know of one plugin. */
export interface PluginNode {
  name: string;
  version: string;
  /** Other plugins: name -> semver range (plugin.yaml's `dependencies.plugins`). */
  dependencies: Record<string, string>;
  /** The range of Tessera versions it supports (plugin.yaml's `framework_version`). */
  frameworkVersion: string;
}

/**
 * The graph's view of a manifest.
 *
 * @example
 * resolveLoadOrder(manifests.map(toPluginNode), '1.0.0');
 */
export function toPluginNode(manifest: PluginManifest): PluginNode {
  return {
    name: manifest.name,
    version: manifest.version,
    dependencies: manifest.dependencies.plugins,
    frameworkVersion: manifest.framework_version,
  };
}
