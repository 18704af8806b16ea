import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { DiscoveredPlugin } from '@tessera/kernel';
import { displayPath } from '../output/display-path.js';
import { print, printError } from '../output/print.js';
import { formatTable } from '../output/table.js';
import type { CliCommand } from './cli-command.interface.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function listPlugins(options: { dir?: string[] }): Promise<void> {
  const [{ loadConfig }, { discoverPlugins }] = await Promise.all([import('@tessera/core'), import('@tessera/kernel')]);
  const dirs = options.dir ?? loadConfig(process.env).pluginDirs;
  const plugins = discoverPlugins(dirs, process.env);
  for (const warning of plugins.warnings) printError(`warning: ${warning}`);
  if (plugins.length === 0) {
    print(`No plugins in ${dirs.join(', ')}.`);
    return;
  }

  const lines = formatTable(['NAME', 'VERSION', 'FOLDER', 'MANIFEST'], plugins.map(row));
  print(lines[0]);
  plugins.forEach((plugin, index) => {
    print(lines[index + 1]);
    for (const warning of warnings(plugin)) print(`  warning: ${warning}`);
  });
  const invalid = plugins.filter((plugin) => plugin.error).length;
  print();
  const found = `${plugins.length} ${plugins.length === 1 ? 'plugin' : 'plugins'}${invalid > 0 ? ` (${invalid} with an invalid manifest)` : ''}`;
  print(`${found} in ${dirs.join(', ')}.`);
}

// The kernel only finds out at load that the entry was never built; saying it here saves a boot.
function warnings(plugin: DiscoveredPlugin): string[] {
  const entry = plugin.manifest?.entry_point;
  if (entry === undefined || existsSync(join(plugin.dir, entry))) return plugin.warnings;
  return [...plugin.warnings, `${entry} does not exist yet: build the plugin (npm run build, or tsc -p ${displayPath(plugin.dir)})`];
}

function row(plugin: DiscoveredPlugin): string[] {
  const folder = displayPath(plugin.dir);
  const name = plugin.manifest?.name ?? folder.split(/[\\/]/).pop() ?? folder;
  return [name, plugin.manifest?.version ?? '-', folder, plugin.error ? `error: ${plugin.error.message}` : 'ok'];
}

/** `tessera plugin list`: the plugins on disk and whether their manifests are valid. */
export const pluginListCommand: CliCommand = {
  group: 'plugin',
  register: (plugin: Command) =>
    plugin
      .command('list')
      .description('List the plugins found on disk: name, version, folder, manifest status and warnings')
      .option('--dir <dir>', 'a folder to search instead of PLUGIN_DIRS; repeat for several', collect)
      .addHelpText(
        'after',
        `
Searches PLUGIN_DIRS (default ./plugins) like the server does at boot, and checks each
plugin.yaml. It reads the disk only: the state of each plugin in a running server (active,
inactive, error and why) will come from the admin API in a later version of this command;
until then ask the server: GET /api/v1/plugins with an admin token (docs/admin-api.md).`,
      )
      .action(listPlugins),
};
