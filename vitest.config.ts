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
  },
});
