import { basename } from 'node:path';
import type { DiscoveredPlugin } from './discovered-plugin.interface.js';

/**
 * Keeps the named plugins and, transitively, the plugins they depend on. Used to boot a
 * single plugin (the testing harness) from folders that hold many. `undefined` keeps all.
 */
export function selectPlugins(found: readonly DiscoveredPlugin[], include: readonly string[] | undefined): DiscoveredPlugin[] {
  if (!include) return [...found];
  const byName = new Map(found.map((plugin) => [plugin.manifest?.name ?? basename(plugin.dir), plugin]));
  const wanted = new Set<string>();
  const visit = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dependency of Object.keys(byName.get(name)?.manifest?.dependencies.plugins ?? {})) visit(dependency);
  };
  include.forEach(visit);
  return found.filter((plugin) => wanted.has(plugin.manifest?.name ?? basename(plugin.dir)));
}
