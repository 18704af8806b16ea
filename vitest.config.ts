import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC (not esbuild) compiles the tests because Nest needs emitDecoratorMetadata,
// which esbuild does not emit. Tests import other workspaces through their built
// `dist/` (npm test builds first) so that the app and the plugins share one copy
// of each lib, exactly as in production.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['libs/*/src/**/*.spec.ts', 'plugins/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    // Built code (libs' and plugins' dist/) runs on Node's own module loader, as in production,
    // not through Vitest's: the kernel re-imports a plugin's files after an update (a resolve
    // hook gives them the entry's ?v=<n>), which Vitest's module cache would answer with the old
    // copies. The whole suite (86 files) passed this way, and dist/ is no longer transformed.
    server: { deps: { external: [/\/dist\/.*\.js(\?.*)?$/] } },
  },
});
