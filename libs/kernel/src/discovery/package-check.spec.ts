import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackages } from './package-check.js';

// Inside the repository, so the root node_modules is reachable as it is for real plugins.
const PLUGIN_DIR = resolve(import.meta.dirname, '../../../../test/fixtures/plugins/throws-on-load');
const outside = mkdtempSync(join(tmpdir(), 'tessera-packages-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('checkPackages', () => {
  it('accepts installed packages in range, ESM-only ones included', () => {
    // @nestjs/common 12 is ESM-only: require.resolve alone would call it missing.
    expect(checkPackages(PLUGIN_DIR, { '@nestjs/common': '^12.0.0', semver: '^7.0.0' })).toBeUndefined();
    expect(checkPackages(PLUGIN_DIR, {})).toBeUndefined();
  });

  it('names a package whose installed version is out of range', () => {
    const error = checkPackages(PLUGIN_DIR, { '@nestjs/common': '^11.0.0' });
    expect(error?.code).toBe('PLUGIN_DEPENDENCY_ERROR');
    expect(error?.message).toMatch(/npm package "@nestjs\/common" \^11\.0\.0 is required but 12\.\d+\.\d+ is installed/);
  });

  it('names a package that is not installed, and says how to install it', () => {
    const error = checkPackages(PLUGIN_DIR, { 'left-pad-that-does-not-exist': '^1.3.0', semver: '^7.0.0' });
    expect(error?.message).toContain('npm package "left-pad-that-does-not-exist" (^1.3.0) is not installed where the plugin can import it');
    expect(error?.message).toContain('npm install left-pad-that-does-not-exist@"^1.3.0"');
    expect(error?.details).toEqual([{ package: 'left-pad-that-does-not-exist', range: '^1.3.0' }]);
  });

  it('looks from the plugin folder: a folder outside the application sees none of its packages', () => {
    expect(checkPackages(outside, { semver: '*' })?.message).toContain('npm package "semver" (*) is not installed');
  });
});
