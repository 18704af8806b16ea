import type { TesseraError } from '@tessera/sdk';
import semver from 'semver';
import { findCycles } from './dependency-cycles.js';
import { cascadeError, cycleError, incompatibleError, missingMessage, unmetError, versionMessage } from './dependency-graph.messages.js';
import type { PluginNode } from './plugin-node.interface.js';
import { topologicalOrder } from './topological-order.js';

/** The result of ordering a set of plugins. */
export interface LoadOrder {
  /** Plugins that can load, dependencies first; ties by name. */
  order: string[];
  /** Plugins that cannot load, with the reason (PLUGIN_DEPENDENCY_ERROR or PLUGIN_INCOMPATIBLE). */
  failures: Map<string, TesseraError>;
}

// A pre-release (a plugin at 2.1.0-beta.1, Tessera at 1.1.0-rc.1) satisfies the range it falls in:
// plugin sets are installed by hand, and refusing a beta that the author said works helps nobody.
const satisfies = (version: string, range: string): boolean => semver.satisfies(version, range, { includePrerelease: true });

function byName<T extends { name: string }>(plugins: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const plugin of plugins) if (!map.has(plugin.name)) map.set(plugin.name, plugin);
  return map;
}

function ownFailures(plugins: Map<string, PluginNode>, frameworkVersion: string, failures: Map<string, TesseraError>): void {
  for (const plugin of plugins.values()) {
    if (!satisfies(frameworkVersion, plugin.frameworkVersion)) {
      failures.set(plugin.name, incompatibleError(plugin.name, plugin.frameworkVersion, frameworkVersion));
      continue;
    }
    const problems: string[] = [];
    for (const [dependency, range] of Object.entries(plugin.dependencies).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const installed = plugins.get(dependency);
      if (!installed) problems.push(missingMessage(plugin.name, dependency));
      else if (!satisfies(installed.version, range)) problems.push(versionMessage(plugin.name, dependency, range, installed.version));
    }
    if (problems.length > 0) failures.set(plugin.name, unmetError(plugin.name, problems));
  }
}

/** Fails, breadth-first, every plugin that reaches a failed one, naming the chain to it. */
function cascade(plugins: Map<string, PluginNode>, failures: Map<string, TesseraError>): void {
  const dependents = new Map<string, string[]>();
  for (const plugin of plugins.values()) {
    for (const dependency of Object.keys(plugin.dependencies)) dependents.set(dependency, [...(dependents.get(dependency) ?? []), plugin.name]);
  }
  const chains = new Map<string, string[]>([...failures.keys()].sort().map((name) => [name, [name]]));
  const roots = new Map<string, TesseraError>(failures);
  const queue = [...chains.keys()];
  while (queue.length > 0) {
    const failed = queue.shift()!;
    for (const dependent of (dependents.get(failed) ?? []).sort()) {
      if (failures.has(dependent)) continue;
      const chain = [dependent, ...chains.get(failed)!];
      const root = chain[chain.length - 1];
      failures.set(dependent, cascadeError(dependent, chain, roots.get(root)!));
      chains.set(dependent, chain);
      queue.push(dependent);
    }
  }
}

/**
 * Orders plugins for loading and says which cannot load: a missing dependency, a version outside
 * the range asked for, a dependency cycle (PLUGIN_DEPENDENCY_ERROR), a `framework_version` that
 * this Tessera does not satisfy (PLUGIN_INCOMPATIBLE), and then everything that depends, even
 * through others, on a plugin that failed. Names are expected to be unique (discovery sees to it).
 *
 * @example
 * const { order, failures } = resolveLoadOrder(
 *   [{ name: 'users', version: '2.0.0', dependencies: { audit: '^1.0' }, frameworkVersion: '>=1.0' },
 *    { name: 'audit', version: '1.2.0', dependencies: {}, frameworkVersion: '*' }],
 *   '1.0.0',
 * );
 * order; // ['audit', 'users']
 */
export function resolveLoadOrder(plugins: readonly PluginNode[], frameworkVersion: string): LoadOrder {
  const nodes = byName(plugins);
  const failures = new Map<string, TesseraError>();
  ownFailures(nodes, frameworkVersion, failures);

  const edges = new Map([...nodes.values()].map((plugin) => [plugin.name, Object.keys(plugin.dependencies).filter((name) => nodes.has(name))]));
  for (const [name, chain] of findCycles(edges)) {
    if (!failures.has(name)) failures.set(name, cycleError(name, chain));
  }
  cascade(nodes, failures);

  const loadable = [...nodes.keys()].filter((name) => !failures.has(name));
  return { order: topologicalOrder(loadable, (name) => edges.get(name) ?? []), failures };
}

/**
 * The order to unload plugins in: the reverse of their load order, dependents first.
 *
 * @example
 * unloadOrder(['audit', 'users']); // ['users', 'audit']
 */
export function unloadOrder(order: readonly string[]): string[] {
  return [...order].reverse();
}

/**
 * Every plugin that depends on `name`, directly or through others, in the order to unload them
 * (the ones furthest from `name` first). This is what disabling `name` takes down with it.
 *
 * @example
 * dependentsOf('audit', [
 *   { name: 'audit', dependencies: {} },
 *   { name: 'users', dependencies: { audit: '^1.0' } },
 *   { name: 'blog', dependencies: { users: '^2.0' } },
 * ]); // ['blog', 'users']
 */
export function dependentsOf(name: string, plugins: ReadonlyArray<Pick<PluginNode, 'name' | 'dependencies'>>): string[] {
  const nodes = byName(plugins);
  const found = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const target = queue.shift()!;
    for (const plugin of nodes.values()) {
      if (plugin.name !== name && !found.has(plugin.name) && Object.hasOwn(plugin.dependencies, target)) {
        found.add(plugin.name);
        queue.push(plugin.name);
      }
    }
  }
  const dependenciesOf = (member: string): string[] => Object.keys(nodes.get(member)?.dependencies ?? {});
  return unloadOrder(topologicalOrder(found, dependenciesOf));
}
