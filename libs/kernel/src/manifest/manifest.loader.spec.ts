import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManifestError } from './manifest.exception.js';
import { loadManifest } from './manifest.loader.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function pluginWith(yaml: string): string {
  const dir = join(root, `plugin-${++count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plugin.yaml'), yaml);
  return dir;
}

const MINIMAL = 'name: hello\nversion: 1.0.0\n';

function failure(yaml: string, env: NodeJS.ProcessEnv = {}): ManifestError {
  const dir = pluginWith(yaml);
  try {
    loadManifest(dir, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return error as ManifestError;
  }
  throw new Error('expected loadManifest to throw');
}

describe('loadManifest: a valid plugin.yaml', () => {
  it('reads every field of the contract', () => {
    const dir = pluginWith(`
name: users
version: 2.0.0
author: Tessera Team
description: User management with authentication
category: security
tags: [auth, users]
license: MIT
homepage: https://example.com/users
execution_mode: sandboxed
framework_version: ">=1.0"
entry_point: build/main.js
dependencies:
  plugins: { audit: "^1.0" }
  packages: { "@nestjs/common": "^12.0.0" }
permissions:
  - { resource: "db.*", actions: [read, write], effect: allow }
  - { resource: "plugin.audit", actions: [call] }
  - { resource: "cache.*", actions: [write], effect: deny, optional: true }
resources:
  timeout_seconds: 10
  rate_limit: { calls: 1000, period_seconds: 60 }
  memory_mb: 128
env:
  JWT_SECRET: "\${JWT_SECRET}"
  TOKEN_EXPIRY: "3600"
config:
  page_size: { type: integer, default: 20, min: 1, max: 100 }
  api_key: { type: string, secret: true, restart_required: true }
hooks: [user_registered]
endpoints: [/users]
`);
    const { manifest, warnings } = loadManifest(dir, { JWT_SECRET: 's3cret' });
    expect(warnings).toEqual([]);
    expect(manifest).toEqual({
      name: 'users',
      version: '2.0.0',
      author: 'Tessera Team',
      description: 'User management with authentication',
      category: 'security',
      tags: ['auth', 'users'],
      license: 'MIT',
      homepage: 'https://example.com/users',
      execution_mode: 'sandboxed',
      framework_version: '>=1.0',
      entry_point: 'build/main.js',
      dependencies: { plugins: { audit: '^1.0' }, packages: { '@nestjs/common': '^12.0.0' } },
      permissions: [
        { resource: 'db.*', actions: ['read', 'write'], effect: 'allow' },
        { resource: 'plugin.audit', actions: ['call'], effect: 'allow' },
        { resource: 'cache.*', actions: ['write'], effect: 'deny', optional: true },
      ],
      resources: { timeout_seconds: 10, rate_limit: { calls: 1000, period_seconds: 60 }, memory_mb: 128 },
      env: { JWT_SECRET: 's3cret', TOKEN_EXPIRY: '3600' },
      config: {
        page_size: { type: 'integer', default: 20, min: 1, max: 100 },
        api_key: { type: 'string', secret: true, restart_required: true },
      },
      hooks: ['user_registered'],
      endpoints: ['/users'],
      settings: {},
    });
  });

  it('fills the defaults of a minimal manifest', () => {
    const { manifest } = loadManifest(pluginWith(MINIMAL), {});
    expect(manifest).toEqual({
      name: 'hello',
      version: '1.0.0',
      tags: [],
      execution_mode: 'trusted',
      framework_version: '*',
      entry_point: 'dist/index.js',
      dependencies: { plugins: {}, packages: {} },
      permissions: [],
      resources: { timeout_seconds: 30 },
      env: {},
      config: {},
      hooks: [],
      endpoints: [],
      settings: {},
    });
  });

  it('hands unknown top-level sections to the plugin as settings, without warnings', () => {
    const { manifest, warnings } = loadManifest(pluginWith(`${MINIMAL}pagination:\n  default_size: 20\n  max_size: 100\nfeature_flags: [beta]\n`), {});
    expect(manifest.settings).toEqual({ pagination: { default_size: 20, max_size: 100 }, feature_flags: ['beta'] });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['entrypoint', 'entry_point'],
    ['dependancies', 'dependencies'],
    ['permission', 'permissions'],
    ['frameworkVersion', 'framework_version'],
  ])('warns that "%s" probably means "%s" and keeps it in settings', (typo, meant) => {
    const { manifest, warnings } = loadManifest(pluginWith(`${MINIMAL}${typo}: x\n`), {});
    expect(warnings).toEqual([`unknown field "${typo}" (kept in settings): did you mean "${meant}"?`]);
    expect(manifest.settings).toEqual({ [typo]: 'x' });
  });

  it('warns about a secret config field that has a default in plain text', () => {
    const { warnings } = loadManifest(pluginWith(`${MINIMAL}config:\n  api_key: { type: string, secret: true, default: abc }\n`), {});
    expect(warnings).toEqual(['config.api_key is secret but has a default, which anyone reading plugin.yaml can see: leave it unset and let an admin set it']);
  });
});

describe('loadManifest: env interpolation', () => {
  const envOf = (yaml: string, env: NodeJS.ProcessEnv) => loadManifest(pluginWith(`${MINIMAL}env:\n${yaml}`), env).manifest.env;

  it('replaces ${VAR} with the variable and leaves plain values alone', () => {
    expect(envOf('  URL: "https://${HOST}:${PORT}/api"\n  TTL: "3600"\n', { HOST: 'db', PORT: '5432' })).toEqual({
      URL: 'https://db:5432/api',
      TTL: '3600',
    });
  });

  it('uses the default of ${VAR:-default} when the variable is unset or empty', () => {
    expect(envOf('  A: "${A:-one}"\n  B: "${B:-two}"\n  C: "${C:-three}"\n', { B: '', C: 'set' })).toEqual({ A: 'one', B: 'two', C: 'set' });
  });

  it('keeps a variable that is set but empty when there is no default', () => {
    expect(envOf('  A: "${A}"\n', { A: '' })).toEqual({ A: '' });
  });

  it('reads $${ as a literal ${', () => {
    expect(envOf('  TEMPLATE: "$${name}"\n', {})).toEqual({ TEMPLATE: '${name}' });
  });

  it('fails naming a missing variable that has no default', () => {
    const error = failure(`${MINIMAL}env:\n  SECRET: "\${JWT_SECRET}"\n`);
    expect(error.message).toContain(
      'field "env.SECRET" needs the environment variable JWT_SECRET, which is not set: set it, or give a default with ${JWT_SECRET:-value}',
    );
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID');
  });

  it('fails on a reference it cannot read', () => {
    expect(failure(`${MINIMAL}env:\n  A: "\${1BAD}"\n  B: "\${OPEN"\n`).problems.map((problem) => problem.field)).toEqual(['env.A', 'env.B']);
  });
});

describe('loadManifest: invalid fields', () => {
  it('names the file, the field and what is expected', () => {
    const dir = pluginWith('name: broken\nversion: 1.x\n');
    expect(() => loadManifest(dir, {})).toThrow(`${dir}/plugin.yaml: field "version" must be a semver version like 1.2.0 (got "1.x")`);
  });

  it.each([
    ['name missing', 'version: 1.0.0\n', 'name', 'is required: a plugin name like "users": lowercase letters, digits and dashes, starting with a letter'],
    ['name with capitals', 'name: Users\nversion: 1.0.0\n', 'name', 'must be a plugin name like "users": lowercase letters, digits and dashes, starting with a letter (got "Users")'],
    ['version missing', 'name: hello\n', 'version', 'is required: a semver version like 1.2.0'],
    [
      'version read by YAML as a number',
      'name: hello\nversion: 1.0\n',
      'version',
      'must be a semver version like 1.2.0 (got 1); YAML reads unquoted numbers and true/false as such: put the value in quotes',
    ],
    ['unknown execution_mode', `${MINIMAL}execution_mode: docker\n`, 'execution_mode', 'must be one of "trusted", "sandboxed" (got "docker")'],
    ['framework_version not a range', `${MINIMAL}framework_version: "newest"\n`, 'framework_version', 'must be a semver range like ">=1.0" (got "newest")'],
    ['entry_point leaving the folder', `${MINIMAL}entry_point: ../other/index.js\n`, 'entry_point', 'must be a relative path inside the plugin folder, like dist/index.js (got "../other/index.js")'],
    ['entry_point absolute', `${MINIMAL}entry_point: /srv/index.js\n`, 'entry_point', 'must be a relative path inside the plugin folder, like dist/index.js (got "/srv/index.js")'],
    ['plugin dependency not a range', `${MINIMAL}dependencies:\n  plugins: { audit: "one" }\n`, 'dependencies.plugins.audit', 'must be a semver range like "^1.0" (got "one")'],
    [
      'plugin dependency with a bad name',
      `${MINIMAL}dependencies:\n  plugins: { Audit: "^1.0" }\n`,
      'dependencies.plugins.Audit',
      'is not a valid name: it must be a plugin name like "users": lowercase letters, digits and dashes, starting with a letter',
    ],
    [
      'package with a bad name',
      `${MINIMAL}dependencies:\n  packages: { "Left Pad": "^1.0" }\n`,
      'dependencies.packages["Left Pad"]',
      'is not a valid name: it must be an npm package name like "left-pad" or "@scope/name"',
    ],
    ['plugins listed straight under dependencies', `${MINIMAL}dependencies:\n  audit: "^1.0"\n`, 'dependencies.audit', 'is not a known field (known: plugins, packages)'],
    ['permission without actions', `${MINIMAL}permissions:\n  - { resource: "db.*", actions: [] }\n`, 'permissions[0].actions', 'must be a non-empty list of actions like [read, write] (or ["*"]) (got [])'],
    ['permission without resource', `${MINIMAL}permissions:\n  - { actions: [read] }\n`, 'permissions[0].resource', 'is required: a dotted resource name or glob like "db.*" or "plugin.audit"'],
    [
      'permission with an unknown effect',
      `${MINIMAL}permissions:\n  - { resource: "db.*", actions: [read] }\n  - { resource: "cache.*", actions: [read], effect: maybe }\n`,
      'permissions[1].effect',
      'must be one of "allow", "deny" (got "maybe")',
    ],
    ['permission with a misspelt key', `${MINIMAL}permissions:\n  - { resource: "db.*", action: [read] }\n`, 'permissions[0].action', 'is not a known field; did you mean "actions"? (known: resource, actions, effect, optional)'],
    ['timeout of zero', `${MINIMAL}resources:\n  timeout_seconds: 0\n`, 'resources.timeout_seconds', 'must be a number greater than 0 (got 0)'],
    ['misspelt timeout', `${MINIMAL}resources:\n  timeout: 5\n`, 'resources.timeout', 'is not a known field; did you mean "timeout_seconds"? (known: timeout_seconds, rate_limit, memory_mb)'],
    ['rate limit of zero calls', `${MINIMAL}resources:\n  rate_limit: { calls: 0, period_seconds: 60 }\n`, 'resources.rate_limit.calls', 'must be a whole number greater than 0 (got 0)'],
    ['rate limit without a period', `${MINIMAL}resources:\n  rate_limit: { calls: 10 }\n`, 'resources.rate_limit.period_seconds', 'is required: a number greater than 0'],
    ['negative memory', `${MINIMAL}resources:\n  memory_mb: -1\n`, 'resources.memory_mb', 'must be a whole number greater than 0 (got -1)'],
    ['env value that is not a string', `${MINIMAL}env:\n  PORT: 3000\n`, 'env.PORT', 'must be a string (got 3000); YAML reads unquoted numbers and true/false as such: put the value in quotes'],
    ['env with a bad variable name', `${MINIMAL}env:\n  my-var: x\n`, 'env.my-var', 'is not a valid name: it must be an environment variable name like JWT_SECRET'],
    ['config field without a type', `${MINIMAL}config:\n  page_size: { default: 20 }\n`, 'config.page_size.type', 'is required'],
    ['config field of an unknown type', `${MINIMAL}config:\n  page_size: { type: int }\n`, 'config.page_size.type', 'must be one of "string", "integer", "number", "boolean", "array", "object" (got "int")'],
    ['config default of the wrong type', `${MINIMAL}config:\n  page_size: { type: integer, default: "20" }\n`, 'config.page_size.default', 'must be an integer (got "20")'],
    ['config default above max', `${MINIMAL}config:\n  page_size: { type: integer, default: 500, max: 100 }\n`, 'config.page_size.default', 'must be <= 100 (got 500)'],
    ['config default shorter than min', `${MINIMAL}config:\n  code: { type: string, default: "ab", min: 3 }\n`, 'config.code.default', 'must be at least 3 characters long (got "ab")'],
    ['config default outside enum', `${MINIMAL}config:\n  mode: { type: string, default: fast, enum: [slow, safe] }\n`, 'config.mode.default', 'must be one of "slow", "safe" (got "fast")'],
    ['config enum value of the wrong type', `${MINIMAL}config:\n  size: { type: integer, enum: [1, "two"] }\n`, 'config.size.enum[1]', 'must be an integer (got "two")'],
    ['config min above max', `${MINIMAL}config:\n  size: { type: integer, min: 10, max: 5 }\n`, 'config.size.min', 'must not be greater than max (got min 10, max 5)'],
    ['config bound on a boolean', `${MINIMAL}config:\n  on: { type: boolean, max: 1 }\n`, 'config.on.max', 'does not apply to a field of type boolean: remove it'],
    ['config length bound that is not whole', `${MINIMAL}config:\n  code: { type: string, min: 1.5 }\n`, 'config.code.min', 'must be a whole number >= 0 for a string (got 1.5)'],
    ['config pattern that is not a regex', `${MINIMAL}config:\n  code: { type: string, pattern: "([a-z" }\n`, 'config.code.pattern', 'must be a regular expression (got "([a-z")'],
    ['config pattern on a number', `${MINIMAL}config:\n  size: { type: number, pattern: "^1" }\n`, 'config.size.pattern', 'applies to string fields only (this one is number)'],
    ['config field with an unknown key', `${MINIMAL}config:\n  size: { type: number, minimum: 1 }\n`, 'config.size.minimum', 'is not a known field (known: type, default, description, min, max, enum, pattern, required, secret, restart_required)'],
    ['config default failing its pattern', `${MINIMAL}config:\n  code: { type: string, pattern: "^[A-Z]+$", default: abc }\n`, 'config.code.default', 'must be a string matching /^[A-Z]+$/ (got "abc")'],
    ['config that is a list', `${MINIMAL}config: [page_size]\n`, 'config', 'must be a mapping of keys to values (got ["page_size"])'],
    ['config field that is not a mapping', `${MINIMAL}config:\n  page_size: 20\n`, 'config.page_size', 'must be a mapping of keys to values (got 20)'],
    ['hooks that are not a list', `${MINIMAL}hooks: user_registered\n`, 'hooks', 'must be a list (got "user_registered")'],
    ['a tag that is not a string', `${MINIMAL}tags: [ok, [nested]]\n`, 'tags[1]', 'must be a string (got ["nested"])'],
  ])('%s', (_case, yaml, field, message) => {
    const error = failure(yaml);
    expect(error.problems.map(({ field, message }) => ({ field, message }))).toEqual([{ field, message }]);
    expect(error.message).toContain(`field "${field}" ${message}`);
  });

  it('lists every problem, in file order, with its line', () => {
    const error = failure('name: hello\nversion: "1.x"\npermissions:\n  - { resource: "db.*", actions: [read], effect: maybe }\nresources:\n  timeout_seconds: -5\n');
    expect(error.details).toEqual([
      { field: 'version', message: 'must be a semver version like 1.2.0 (got "1.x")', line: 2 },
      { field: 'permissions[0].effect', message: 'must be one of "allow", "deny" (got "maybe")', line: 4 },
      { field: 'resources.timeout_seconds', message: 'must be a number greater than 0 (got -5)', line: 6 },
    ]);
    expect(error.message).toMatch(/plugin\.yaml: field "version" .+; field "permissions\[0\]\.effect" .+; field "resources\.timeout_seconds" /);
  });

  it('keeps the did-you-mean warnings of a manifest that fails', () => {
    expect(failure('name: hello\nversion: x\nentrypoint: dist/main.js\n').warnings).toEqual([
      'unknown field "entrypoint" (kept in settings): did you mean "entry_point"?',
    ]);
  });
});

describe('loadManifest: unreadable files', () => {
  it('reports malformed YAML with its line and column', () => {
    const dir = pluginWith('name: hello\nversion: 1.0.0\ndescription: a: b\nhooks: []\n');
    expect(() => loadManifest(dir, {})).toThrow(`${dir}/plugin.yaml: invalid YAML at line 3, column 14: Nested mappings are not allowed in compact mappings`);
  });

  it('reports a key written twice', () => {
    const error = failure('name: hello\nversion: 1.0.0\nname: other\n');
    expect(error.message).toContain('invalid YAML at line 3, column 1: Map keys must be unique');
    expect(error.problems[0].line).toBe(3);
  });

  it('reports a missing plugin.yaml', () => {
    const dir = join(root, 'no-manifest');
    mkdirSync(dir);
    expect(() => loadManifest(dir, {})).toThrow(`${dir}/plugin.yaml: file not found: every plugin folder needs a plugin.yaml (see docs/plugin-manifest.md)`);
  });

  it.each([
    ['an empty file', '', 'an empty file'],
    ['a list', '- name: hello\n', 'a list or a value'],
  ])('refuses %s', (_case, yaml, got) => {
    expect(failure(yaml).message).toContain(`plugin.yaml: must be a YAML mapping of fields such as "name: users" (got ${got})`);
  });
});
