import type { Command } from 'commander';
import { displayPath } from '../output/display-path.js';
import { print } from '../output/print.js';
import type { CliCommand } from './cli-command.interface.js';

async function pack(dir: string, options: { output?: string }): Promise<void> {
  const { packPlugin } = await import('@tessera/kernel');
  const packed = await packPlugin(dir, options.output);
  print(`Packed ${packed.name} ${packed.version} into ${displayPath(packed.file)} (${packed.files.length} files, ${packed.bytes} bytes).`);
  print(`Install it with: tessera plugin install ${displayPath(packed.file)}`);
}

/** `tessera plugin pack <dir>`: a built plugin folder as a `.tgz` the admin API installs. */
export const pluginPackCommand: CliCommand = {
  group: 'plugin',
  register: (plugin: Command) =>
    plugin
      .command('pack')
      .description('Pack a built plugin folder into <name>-<version>.tgz for POST /api/v1/plugins/install')
      .argument('<dir>', 'the plugin folder (holding plugin.yaml and the built entry_point)')
      .option('-o, --output <file>', 'where to write the package (default ./<name>-<version>.tgz)')
      .addHelpText(
        'after',
        `
The package holds plugin.yaml, package.json, README and LICENSE when present, and the folder
of the built entry (dist/ for entry_point: dist/index.js), under package/ as npm pack does.
Never src/ or node_modules/. Build the plugin first; a symbolic link inside is refused.
See docs/plugin-packaging.md.`,
      )
      .action(pack),
};
