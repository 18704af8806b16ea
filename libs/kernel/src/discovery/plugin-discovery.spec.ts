import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLoadOrder } from '../graph/dependency-graph.js';
import { toPluginNode } from '../graph/plugin-node.interface.js';
import { discoverPlugins } from './plugin-discovery.js';

const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/plugins');

const root = mkdtempSync(join(tmpdir(), 'tessera-discovery-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(path: string, files: Record<string, string> = {}): string {
  const dir = join(root, path);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('discoverPlugins on the fixtures', () => {
  const found = discoverPlugins([FIXTURES], {});
  const byName = new Map(found.map((plugin) => [plugin.manifest?.name ?? plugin.dir.split('/').pop(), plugin]));

  it('finds every plugin folder, sorted by name', () => {
    const names = [...byName.keys()];
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['bad-manifest', 'cycle-a', 'cycle-b', 'failing-migration', 'incompatible', 'missing-dependency', 'throws-on-load']));
    expect(found.warnings).toEqual([]);
  });

  it('gives the invalid manifest its error and warning, and loads the others', () => {
    const bad = byName.get('bad-manifest')!;
    expect(bad.manifest).toBeUndefined();
    expect(bad.error?.code).toBe('PLUGIN_MANIFEST_INVALID');
    expect(bad.error?.message).toMatch(/bad-manifest\/plugin\.yaml: field "version" must be a semver version like 1\.2\.0 \(got "not-semver"\)$/);
    expect(bad.warnings).toEqual(['unknown field "entrypoint" (kept in settings): did you mean "entry_point"?']);
    expect(bad.manifestPath).toBe(join(FIXTURES, 'bad-manifest', 'plugin.yaml'));
    for (const plugin of found.filter((candidate) => candidate !== bad)) {
      expect(plugin.error, plugin.dir).toBeUndefined();
      expect(plugin.manifest?.name).toBe(plugin.dir.split('/').pop());
    }
  });

  it('leaves the dependency and compatibility fixtures to fail when ordered', () => {
    const { order, failures } = resolveLoadOrder(
      found.flatMap((plugin) => (plugin.manifest ? [toPluginNode(plugin.manifest)] : [])),
      '1.0.0',
    );
    expect(failures.get('missing-dependency')?.message).toContain('missing-dependency requires "ghost", which is not installed');
    expect(failures.get('cycle-a')?.message).toContain('cycle-a -> cycle-b -> cycle-a');
    expect(failures.get('cycle-b')?.message).toContain('cycle-b -> cycle-a -> cycle-b');
    expect(failures.get('incompatible')?.code).toBe('PLUGIN_INCOMPATIBLE');
    expect(order).toEqual(expect.arrayContaining(['throws-on-load', 'failing-migration']));
  });
});

describe('discoverPlugins', () => {
  it('skips a missing folder with a warning', () => {
    const missing = join(root, 'not-here');
    const found = discoverPlugins([missing], {});
    expect([...found]).toEqual([]);
    expect(found.warnings).toEqual([`plugin folder ${missing} does not exist; skipped`]);
  });

  it('ignores folders without a plugin.yaml and files', () => {
    const dir = folder('mixed');
    folder('mixed/real', { 'plugin.yaml': 'name: real\nversion: 1.0.0\n' });
    folder('mixed/node_modules', { 'package.json': '{}' });
    writeFileSync(join(dir, 'README.md'), '# notes');
    expect(discoverPlugins([dir], {}).map((plugin) => plugin.manifest?.name)).toEqual(['real']);
  });

  it('keeps the first of two plugins with the same name and gives the second an error naming both folders', () => {
    const first = folder('one/hello', { 'plugin.yaml': 'name: hello\nversion: 1.0.0\n' });
    const second = folder('two/hello-copy', { 'plugin.yaml': 'name: hello\nversion: 2.0.0\n' });
    const found = discoverPlugins([join(root, 'one'), join(root, 'two')], {});
    expect(found.map((plugin) => [plugin.dir, plugin.manifest?.version, plugin.error?.code])).toEqual([
      [first, '1.0.0', undefined],
      [second, undefined, 'PLUGIN_MANIFEST_INVALID'],
    ]);
    expect(found[1].error?.message).toBe(
      `${second}/plugin.yaml: plugin name "hello" is already used by ${first}; rename one of them (field "name") or remove the copy in ${second}`,
    );
  });

  it('interpolates env from the environment it is given', () => {
    const dir = folder('env-root');
    folder('env-root/mailer', { 'plugin.yaml': 'name: mailer\nversion: 1.0.0\nenv:\n  HOST: "${SMTP_HOST}"\n' });
    expect(discoverPlugins([dir], { SMTP_HOST: 'mail.local' })[0].manifest?.env).toEqual({ HOST: 'mail.local' });
    expect(discoverPlugins([dir], {})[0].error?.message).toContain('needs the environment variable SMTP_HOST');
  });
});
