import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { ActionRouter, HookBus, PluginLoader, PluginLogStore } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, runBuiltCli } from '../apps/cli/test/run-built-cli.js';

const TSC = resolve(REPOSITORY_ROOT, 'node_modules/tsc7/bin/tsc');

describe('tessera plugin new', () => {
  let root: string;
  let pluginsDir: string;

  beforeAll(async () => {
    // An application folder outside the repository; its node_modules (a link to ours) is
    // where the plugin finds @tessera/sdk and Nest, as an installed application's would be.
    root = await mkdtemp(join(tmpdir(), 'tessera-cli-plugin-'));
    await symlink(resolve(REPOSITORY_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    pluginsDir = join(root, 'plugins');
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('scaffolds a plugin that builds, loads and answers on its endpoint, hook and action', async () => {
    const run = await runBuiltCli(['plugin', 'new', 'greeter', '--dir', pluginsDir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const file of ['plugin.yaml', 'package.json', 'tsconfig.json', 'src/index.ts', 'src/greeter.plugin.ts', 'src/greeter.controller.ts']) {
      expect(run.stdout).toContain(join(pluginsDir, 'greeter', file));
    }
    expect(run.stdout).toContain("curl 'localhost:8082/plugins/greeter/hello?name=Ada'");

    await promisify(execFile)(process.execPath, [TSC, '-p', join(pluginsDir, 'greeter')]);

    const db: TestDatabase = await createTestDatabase();
    const tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        cacheKeyPrefix: `cli-plugin-${process.pid}-${Date.now()}:`,
        pluginDirs: [pluginsDir],
        logLevel: 'silent',
        jwtSecret: 'cli-plugin-secret-cli-plugin-secret-4',
        encryptionKey: 'd'.repeat(64),
      },
      { plugins: ['greeter'] },
    );
    try {
      expect(tessera.app.get(PluginLoader).get('greeter')?.state).toBe('active');
      const hello = await request(tessera.server).get('/plugins/greeter/hello?name=Ada').expect(200);
      expect(hello.body).toEqual({ success: true, data: { message: 'Hello, Ada!' } });
      expect(await tessera.app.get(ActionRouter).call('greeter', 'greet', { name: 'Grace' })).toEqual({ ok: true, data: { message: 'Hello, Grace!' } });
      await tessera.app.get(HookBus).emit('user_registered', { username: 'ada' });
      expect(tessera.app.get(PluginLogStore).query('greeter', { search: 'welcome, ada' }).total).toBe(1);
    } finally {
      await tessera.close();
      await db.cleanup();
    }
  }, 90_000);

  it('refuses a folder that already exists and leaves it as it was', async () => {
    const taken = join(pluginsDir, 'taken');
    await mkdir(taken, { recursive: true });
    await writeFile(join(taken, 'notes.txt'), 'mine');
    const run = await runBuiltCli(['plugin', 'new', 'taken', '--dir', pluginsDir]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`${taken} already exists; choose another name or --dir, or remove it first.\n`);
    expect(await readdir(taken)).toEqual(['notes.txt']);
  });
});

describe('tessera plugin list', () => {
  it('prints the example plugins and the error of a broken fixture', async () => {
    const run = await runBuiltCli(['plugin', 'list'], { env: { PLUGIN_DIRS: 'plugins,test/fixtures/plugins' } });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME +VERSION +FOLDER +MANIFEST$/);
    expect(lines).toContainEqual(expect.stringMatching(/^hello +1\.0\.0 +plugins\/hello +ok$/));
    expect(lines).toContainEqual(expect.stringMatching(/^moderation +\d+\.\d+\.\d+ +plugins\/moderation +ok$/));
    const broken = lines.findIndex((line) => line.startsWith('bad-manifest '));
    expect(lines[broken]).toMatch(/ +- +test\/fixtures\/plugins\/bad-manifest +error: test\/fixtures\/plugins\/bad-manifest\/plugin\.yaml: field "version" must be a semver version/);
    expect(lines[broken + 1]).toBe('  warning: unknown field "entrypoint" (kept in settings): did you mean "entry_point"?');
    expect(run.stdout).toMatch(/\n\d+ plugins \(1 with an invalid manifest\) in plugins, test\/fixtures\/plugins\.\n$/);
  });
});
