import { dirname, join, relative } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { displayPath } from '../output/display-path.js';
import { print } from '../output/print.js';
import { pluginNameProblem } from '../scaffold/plugin-name.js';
import { scaffoldPlugin, type ScaffoldPluginResult } from '../scaffold/scaffold-plugin.js';
import { BUILD_TSCONFIG, toPosixPath } from '../scaffold/tessera-repository.js';
import type { CliCommand } from './cli-command.interface.js';

const DEFAULT_DIR = 'plugins';

function parseName(value: string): string {
  const problem = pluginNameProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

async function createPlugin(name: string, options: { dir: string }): Promise<void> {
  // The kernel's version is the one `framework_version` is checked against at load.
  const { FRAMEWORK_VERSION } = await import('@tessera/kernel');
  const result = scaffoldPlugin({ name, parentDir: options.dir, frameworkVersion: FRAMEWORK_VERSION });
  print(`Created the plugin ${name} in ${displayPath(result.dir)}:`);
  for (const file of result.files) print(`  ${displayPath(file)}`);
  print();
  for (const line of nextSteps(name, result)) print(line);
}

function nextSteps(name: string, result: ScaffoldPluginResult): string[] {
  const parentDir = dirname(result.dir);
  const curl = `  curl 'localhost:8082/plugins/${name}/hello?name=Ada'   # {"success":true,"data":{"message":"Hello, Ada!"}}`;
  const root = result.repositoryRoot;
  if (root === undefined) {
    return [
      'Next steps:',
      `  npx tsc -p ${displayPath(result.dir)}   # builds dist/; typescript, @types/node, @tessera/sdk, @nestjs/common and @nestjs/swagger must be installed where the folder can import them`,
      `  export PLUGIN_DIRS=${parentDir}   # the folders the server searches, comma-separated`,
      '  # start Tessera, then:',
      curl,
    ];
  }

  const folder = toPosixPath(relative(root, result.dir));
  const lines: string[] = [];
  const reference = result.buildReference;
  if (reference?.added) lines.push(`Added ${folder} to ${BUILD_TSCONFIG}, so npm run build compiles it.`, '');
  else if (reference) lines.push(`Could not add ${folder} to ${BUILD_TSCONFIG} (${reference.problem}): add { "path": "${folder}" } to its references.`, '');
  lines.push('Next steps:');
  if (root !== process.cwd()) lines.push(`  cd ${displayPath(root)}`);
  lines.push('  npm install   # links the new workspace package');
  if (parentDir !== join(root, DEFAULT_DIR)) {
    lines.push(`  export PLUGIN_DIRS=./${DEFAULT_DIR},./${toPosixPath(relative(root, parentDir))}   # the folders the server searches, comma-separated`);
  }
  lines.push('  npm start     # builds everything and starts Tessera', curl);
  return lines;
}

/** `tessera plugin new <name>`: a new plugin folder from the templates. */
export const pluginNewCommand: CliCommand = {
  group: 'plugin',
  register: (plugin: Command) =>
    plugin
      .command('new')
      .description('Create a plugin: plugin.yaml, package.json, tsconfig.json and sources with an endpoint, a hook and an action')
      .argument('<name>', 'the plugin name: lowercase letters, digits and dashes, starting with a letter', parseName)
      .option('--dir <dir>', 'the folder to create it in', DEFAULT_DIR)
      .addHelpText(
        'after',
        `
Refuses a folder that already exists. Inside the Tessera repository the plugin's tsconfig
extends the root one and the folder is added to tsconfig.build.json, so npm run build
compiles it; elsewhere it gets a standalone tsconfig.

Example:
  tessera plugin new greeter
  npm install && npm start
  curl 'localhost:8082/plugins/greeter/hello?name=Ada'`,
      )
      .action(createPlugin),
};
