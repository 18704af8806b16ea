import { describe, expect, it } from 'vitest';
import { dependentsOf, resolveLoadOrder, unloadOrder } from './dependency-graph.js';
import type { PluginNode } from './plugin-node.interface.js';

const plugin = (name: string, dependencies: Record<string, string> = {}, version = '1.0.0', frameworkVersion = '>=1.0'): PluginNode => ({
  name,
  version,
  dependencies,
  frameworkVersion,
});

const messages = (failures: Map<string, { code: string; message: string }>) =>
  Object.fromEntries([...failures].map(([name, error]) => [name, `${error.code}: ${error.message}`]));

describe('resolveLoadOrder', () => {
  it('loads dependencies first and breaks ties by name, whatever the input order', () => {
    // A diamond: app needs users and blog, both need audit.
    const plugins = [
      plugin('app', { users: '^1.0', blog: '^1.0' }),
      plugin('users', { audit: '^1.0' }),
      plugin('blog', { audit: '^1.0' }),
      plugin('audit'),
      plugin('zebra'),
    ];
    const expected = ['audit', 'blog', 'users', 'app', 'zebra'];
    expect(resolveLoadOrder(plugins, '1.0.0')).toEqual({ order: expected, failures: new Map() });
    expect(resolveLoadOrder([...plugins].reverse(), '1.0.0').order).toEqual(expected);
  });

  it('fails a plugin whose dependency is not installed', () => {
    const { order, failures } = resolveLoadOrder([plugin('hello', { audit: '^1.0' }), plugin('other')], '1.0.0');
    expect(order).toEqual(['other']);
    expect(failures.get('hello')?.code).toBe('PLUGIN_DEPENDENCY_ERROR');
    expect(failures.get('hello')?.message).toContain('hello requires "audit", which is not installed');
  });

  it('fails a plugin whose dependency has a version outside the range', () => {
    const { failures } = resolveLoadOrder([plugin('hello', { audit: '^1.0' }), plugin('audit', {}, '2.0.0')], '1.0.0');
    expect(failures.get('hello')?.message).toContain('hello requires audit ^1.0 but audit 2.0.0 is installed');
  });

  it('names every unmet dependency of a plugin at once', () => {
    const { failures } = resolveLoadOrder([plugin('hello', { audit: '^1.0', mail: '^2.0' }), plugin('audit', {}, '0.9.0')], '1.0.0');
    expect(failures.get('hello')?.message).toMatch(/^hello requires audit \^1\.0 but audit 0\.9\.0 is installed; hello requires "mail", which is not installed\. /);
  });

  it('accepts a pre-release inside the range', () => {
    expect(resolveLoadOrder([plugin('hello', { audit: '^1.0' }), plugin('audit', {}, '1.3.0-beta.1')], '1.0.0').order).toEqual(['audit', 'hello']);
  });

  it('fails every member of a cycle, naming the chain from it', () => {
    const { order, failures } = resolveLoadOrder([plugin('users', { audit: '^1.0' }), plugin('audit', { users: '^1.0' }), plugin('blog')], '1.0.0');
    expect(order).toEqual(['blog']);
    expect(failures.get('users')?.message).toContain('users -> audit -> users');
    expect(failures.get('audit')?.message).toContain('audit -> users -> audit');
    expect(failures.get('users')?.code).toBe('PLUGIN_DEPENDENCY_ERROR');
  });

  it('names the shortest cycle of a longer loop, and a plugin that depends on itself', () => {
    const { failures } = resolveLoadOrder([plugin('a', { b: '*' }), plugin('b', { c: '*' }), plugin('c', { a: '*' }), plugin('solo', { solo: '*' })], '1.0.0');
    expect(failures.get('a')?.message).toContain('a is in a dependency cycle: a -> b -> c -> a.');
    expect(failures.get('c')?.message).toContain('c -> a -> b -> c');
    expect(failures.get('solo')?.message).toContain('solo -> solo');
  });

  it('fails a plugin that needs a newer framework with PLUGIN_INCOMPATIBLE', () => {
    const { order, failures } = resolveLoadOrder([plugin('hello', {}, '1.0.0', '>=2.0')], '1.0.0');
    expect(order).toEqual([]);
    expect(failures.get('hello')?.code).toBe('PLUGIN_INCOMPATIBLE');
    expect(failures.get('hello')?.message).toContain('hello requires framework >=2.0, this is Tessera 1.0.0');
  });

  it('fails everything that depends on a failed plugin, naming the failed dependency', () => {
    const { order, failures } = resolveLoadOrder(
      [
        plugin('audit', { ghost: '^1.0' }),
        plugin('users', { audit: '^1.0' }),
        plugin('app', { users: '^1.0' }),
        plugin('old', {}, '1.0.0', '>=5'),
        plugin('uses-old', { old: '*' }),
        plugin('fine'),
      ],
      '1.0.0',
    );
    expect(order).toEqual(['fine']);
    expect(messages(failures)).toEqual({
      audit: expect.stringContaining('PLUGIN_DEPENDENCY_ERROR: audit requires "ghost", which is not installed'),
      users: 'PLUGIN_DEPENDENCY_ERROR: users cannot load because its dependency audit failed (users -> audit): ' + failures.get('audit')!.message,
      app: 'PLUGIN_DEPENDENCY_ERROR: app cannot load because its dependency audit failed (app -> users -> audit): ' + failures.get('audit')!.message,
      old: expect.stringContaining('PLUGIN_INCOMPATIBLE: old requires framework >=5'),
      'uses-old': expect.stringContaining('PLUGIN_DEPENDENCY_ERROR: uses-old cannot load because its dependency old failed (uses-old -> old): old requires framework >=5'),
    });
  });

  it('fails the dependents of a cycle too', () => {
    const { failures } = resolveLoadOrder([plugin('a', { b: '*' }), plugin('b', { a: '*' }), plugin('c', { a: '*' })], '1.0.0');
    expect(failures.get('c')?.message).toContain('c cannot load because its dependency a failed (c -> a): a is in a dependency cycle: a -> b -> a');
  });
});

describe('unloadOrder and dependentsOf', () => {
  it('unloads in the reverse of the load order', () => {
    expect(unloadOrder(['audit', 'users', 'app'])).toEqual(['app', 'users', 'audit']);
  });

  it('lists direct and indirect dependents, the furthest first', () => {
    const plugins = [
      plugin('audit'),
      plugin('users', { audit: '^1.0' }),
      plugin('blog', { users: '^1.0', audit: '^1.0' }),
      plugin('app', { blog: '*' }),
      plugin('unrelated'),
    ];
    expect(dependentsOf('audit', plugins)).toEqual(['app', 'blog', 'users']);
    expect(dependentsOf('blog', plugins)).toEqual(['app']);
    expect(dependentsOf('unrelated', plugins)).toEqual([]);
  });
});
