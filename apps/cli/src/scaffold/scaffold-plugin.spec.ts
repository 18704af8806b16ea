import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli.exception.js';
import { pluginClassName, pluginNameProblem } from './plugin-name.js';
import { scaffoldPlugin } from './scaffold-plugin.js';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-scaffold-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BUILD = { files: [], references: [{ path: 'libs/sdk' }, { path: 'plugins/hello' }] };

/** A folder that looks like the Tessera repository to the CLI: tsconfig.build.json and libs/sdk. */
function fakeRepository(name: string, buildConfig = `${JSON.stringify(BUILD, null, 2)}\n`): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'libs', 'sdk'), { recursive: true });
  writeFileSync(join(root, 'libs', 'sdk', 'package.json'), '{ "name": "@tessera/sdk" }');
  writeFileSync(join(root, 'tsconfig.build.json'), buildConfig);
  return root;
}

const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

describe('scaffoldPlugin', () => {
  it('inside the repository: extends the root tsconfig and adds the folder to tsconfig.build.json', () => {
    const root = fakeRepository('repo');
    const result = scaffoldPlugin({ name: 'audit-log', parentDir: join(root, 'plugins'), frameworkVersion: '1.4.2' });

    expect(result).toMatchObject({ dir: join(root, 'plugins', 'audit-log'), repositoryRoot: root, buildReference: { added: true } });
    expect(result.files.map((file) => file.slice(result.dir.length + 1))).toEqual([
      'plugin.yaml',
      'package.json',
      'tsconfig.json',
      'src/index.ts',
      'src/audit-log.plugin.ts',
      'src/audit-log.controller.ts',
    ]);
    expect(JSON.parse(read(result.dir, 'tsconfig.json'))).toEqual({ extends: '../../tsconfig.json', references: [{ path: '../../libs/sdk' }] });
    expect(read(root, 'tsconfig.build.json')).toBe(`${JSON.stringify({ ...BUILD, references: [...BUILD.references, { path: 'plugins/audit-log' }] }, null, 2)}\n`);
    expect(read(result.dir, 'plugin.yaml')).toMatch(/^name: audit-log\nversion: 0\.1\.0\n/m);
    expect(read(result.dir, 'plugin.yaml')).toContain('framework_version: ">=1.4"');
    expect(JSON.parse(read(result.dir, 'package.json'))).toMatchObject({ name: '@tessera-plugins/audit-log', type: 'module', dependencies: { '@tessera/sdk': '1.4.2' } });
    expect(read(result.dir, 'src', 'index.ts')).toBe("export { AuditLogPlugin } from './audit-log.plugin.js';\n");
  });

  it('outside a repository: a standalone tsconfig and no build reference', () => {
    const result = scaffoldPlugin({ name: 'greeter', parentDir: join(scratch, 'app', 'plugins'), frameworkVersion: '1.0.0' });
    expect(result.repositoryRoot).toBeUndefined();
    expect(result.buildReference).toBeUndefined();
    expect(JSON.parse(read(result.dir, 'tsconfig.json'))).toMatchObject({
      compilerOptions: { module: 'nodenext', experimentalDecorators: true, emitDecoratorMetadata: true, rootDir: 'src', outDir: 'dist' },
    });
  });

  it('still creates the plugin when tsconfig.build.json cannot be updated, and says why', () => {
    const root = fakeRepository('commented', '// comments are not JSON\n{ "files": [] }\n');
    const result = scaffoldPlugin({ name: 'greeter', parentDir: join(root, 'plugins'), frameworkVersion: '1.0.0' });
    expect(result.buildReference).toMatchObject({ added: false, problem: expect.stringContaining('tsconfig.build.json: ') });
    expect(read(root, 'tsconfig.build.json')).toBe('// comments are not JSON\n{ "files": [] }\n');
    expect(read(result.dir, 'tsconfig.json')).toContain('"extends": "../../tsconfig.json"');
  });

  it('refuses an existing folder and an invalid name, writing nothing', () => {
    const parentDir = join(scratch, 'refusals');
    mkdirSync(join(parentDir, 'taken'), { recursive: true });
    expect(() => scaffoldPlugin({ name: 'taken', parentDir, frameworkVersion: '1.0.0' })).toThrow(CliError);
    expect(() => scaffoldPlugin({ name: 'Bad_Name', parentDir, frameworkVersion: '1.0.0' })).toThrow(/"Bad_Name" is not a plugin name/);
    expect(readdirSync(parentDir)).toEqual(['taken']);
    expect(readdirSync(join(parentDir, 'taken'))).toEqual([]);
  });
});

describe('plugin names', () => {
  it.each(['users', 'audit-log', 'a1', 'x-2-y'])('accepts %s', (name) => expect(pluginNameProblem(name)).toBeUndefined());
  it.each(['Users', '1st', '-x', 'audit_log', 'a.b', ''])('refuses %j', (name) => expect(pluginNameProblem(name)).toContain('is not a plugin name'));
  it('makes class names in PascalCase', () => {
    expect(['users', 'audit-log', 'x-2-y', 'oauth2'].map(pluginClassName)).toEqual(['Users', 'AuditLog', 'X2Y', 'Oauth2']);
  });
});
