import type { PluginTemplateInput } from './plugin-template-input.interface.js';

/** package.json: an ES module package whose only framework dependency is the sdk. */
export function packageJsonTemplate({ name, frameworkVersion }: PluginTemplateInput): string {
  const manifest = {
    name: `@tessera-plugins/${name}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `The ${name} plugin`,
    main: 'dist/index.js',
    dependencies: { '@tessera/sdk': frameworkVersion },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
