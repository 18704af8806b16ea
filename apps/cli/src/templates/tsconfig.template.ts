import type { PluginTemplateInput } from './plugin-template-input.interface.js';

// Outside the repository there is no root tsconfig to extend: the options that matter are
// spelled out (ESM with nodenext, decorator metadata for Nest's injection, src → dist).
const STANDALONE = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict: true,
    strictPropertyInitialization: false,
    declaration: true,
    sourceMap: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.spec.ts'],
};

/**
 * tsconfig.json: inside the Tessera repository one line extending the root config with a
 * reference to the sdk (as plugins/hello has), so `tsc -b` builds the sdk first; elsewhere a
 * standalone config.
 */
export function tsconfigTemplate({ repositoryRoot }: PluginTemplateInput): string {
  if (repositoryRoot === undefined) return `${JSON.stringify(STANDALONE, null, 2)}\n`;
  return `{ "extends": "${repositoryRoot}/tsconfig.json", "references": [{ "path": "${repositoryRoot}/libs/sdk" }] }\n`;
}
