import { packageJsonTemplate } from './package-json.template.js';
import { pluginManifestTemplate } from './plugin-manifest.template.js';
import { pluginClassTemplate, pluginControllerTemplate, pluginIndexTemplate } from './plugin-source.template.js';
import type { PluginTemplateInput } from './plugin-template-input.interface.js';
import { tsconfigTemplate } from './tsconfig.template.js';

/** One file of a new plugin: its path inside the plugin folder (with `/`) and its text. */
export interface PluginFile {
  path: string;
  content: string;
}

/**
 * Every file of a new plugin, in the order they are listed to the user. The templates are code
 * (not a copy of plugins/hello read at run time) so the CLI works from any folder.
 *
 * @example
 * renderPluginFiles({ name: 'greeter', className: 'Greeter', frameworkVersion: '1.0.0' }).map((file) => file.path);
 * // ['plugin.yaml', 'package.json', 'tsconfig.json', 'src/index.ts', 'src/greeter.plugin.ts', 'src/greeter.controller.ts']
 */
export function renderPluginFiles(input: PluginTemplateInput): PluginFile[] {
  return [
    { path: 'plugin.yaml', content: pluginManifestTemplate(input) },
    { path: 'package.json', content: packageJsonTemplate(input) },
    { path: 'tsconfig.json', content: tsconfigTemplate(input) },
    { path: 'src/index.ts', content: pluginIndexTemplate(input) },
    { path: `src/${input.name}.plugin.ts`, content: pluginClassTemplate(input) },
    { path: `src/${input.name}.controller.ts`, content: pluginControllerTemplate(input) },
  ];
}
