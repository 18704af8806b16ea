import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheService } from '@tessera/cache';
import { packPlugin, PluginLoader } from '@tessera/kernel';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootInstallHost, PACKAGE_SOURCES, treeOf, type InstallHost } from './fixtures/packages/install-host.js';

const API = '/api/v1/plugins';

// Update (with its backup and automatic rollback) and uninstall (dependents, force, backup,
// cleanup_data) of a packaged plugin with a table, a cache namespace and two versions, on the
// real host. The plugin pkg-notes: 1.0.0, 2.0.0 (new endpoint, changed module), 3.0.0 (adds a
// table, then fails to start); pkg-notes-addon depends on it.
describe('updating and uninstalling packaged plugins', () => {
  let host: InstallHost;
  let work: string;
  const packages: Record<'v1' | 'v2' | 'v3' | 'addon', string> = { v1: '', v2: '', v3: '', addon: '' };
  const as = (token = host.root) => ({
    install: (path: string) => host.http().post(`${API}/install`).set('Authorization', token).send({ path }),
    update: (name: string, path: string) => host.http().put(`${API}/${name}`).set('Authorization', token).send({ path }),
    uninstall: (name: string, query = '') => host.http().delete(`${API}/${name}${query}`).set('Authorization', token),
  });
  const notes = async () => (await host.http().get('/plugins/pkg-notes/notes').expect(200)).body.data;
  const tableExists = async (table: string) => (await host.tessera.app.get(DataSource).query(`SELECT to_regclass($1) AS found`, [table]))[0].found !== null;
  const migrationsOf = async (plugin: string) =>
    (await host.tessera.app.get(DataSource).query(`SELECT "name" FROM "tessera_plugin_migrations" WHERE "plugin" = $1 ORDER BY "name"`, [plugin])).map((row: { name: string }) => row.name);
  const backupsDir = () => join(host.tessera.config.dataDir, 'backups');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tessera-install-lifecycle-'));
    for (const [key, folder] of [['v1', 'pkg-notes'], ['v2', 'pkg-notes-v2'], ['v3', 'pkg-notes-broken'], ['addon', 'pkg-notes-addon']] as const) {
      packages[key] = (await packPlugin(join(PACKAGE_SOURCES, folder), join(work, `${folder}.tgz`))).file;
    }
    host = await bootInstallHost();
  });

  afterAll(async () => {
    await host?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a first install whose plugin cannot start, and undoes its migrations', async () => {
    const response = await as().install(packages.v3).expect(500);
    expect(response.body.error).toMatchObject({
      code: 'PLUGIN_INSTALLATION_FAILED',
      message: expect.stringContaining('notes v3 cannot reach its search index'),
      details: { reason: 'PLUGIN_STARTUP_FAILED' },
    });
    expect([await tableExists('pkg_notes_items'), await tableExists('pkg_notes_tags'), await migrationsOf('pkg-notes')]).toEqual([false, false, []]);
    expect(treeOf(host.pluginsDir)).toEqual(['.staging']);
    expect(host.tessera.app.get(PluginLoader).get('pkg-notes')).toBeUndefined();
  });

  it('installs 1.0.0 and keeps notes in its table and its cache', async () => {
    await as().install(packages.v1).expect(201);
    await host.http().post('/plugins/pkg-notes/notes').send({ text: 'first' }).expect(201);
    expect(await notes()).toEqual({ release: 'notes v1', notes: ['first'], cached: 'first' });
  });

  it('rolls an update that fails to start back: 1.0.0 keeps serving, its schema as it was, and the backup is named', async () => {
    const response = await as().update('pkg-notes', packages.v3).expect(500);
    expect(response.body.error).toEqual({
      code: 'PLUGIN_STARTUP_FAILED',
      message: expect.stringContaining('Rolled back: pkg-notes 1.0.0 is still installed and serving'),
      details: {
        rolled_back: true,
        backup_id: expect.stringMatching(/^pkg-notes-1\.0\.0-\d{8}T\d{9}Z$/),
        version: '1.0.0',
        failed_version: '3.0.0',
        cause: { code: 'PLUGIN_STARTUP_FAILED', message: expect.stringContaining('notes v3 cannot reach its search index') },
        migrations_reverted: ['AddTags1795400000002'],
        migrations_left_applied: [],
      },
    });
    expect(await notes()).toEqual({ release: 'notes v1', notes: ['first'], cached: 'first' });
    expect([await tableExists('pkg_notes_tags'), await migrationsOf('pkg-notes')]).toEqual([false, ['CreateNotes1795400000001']]);
    expect(host.tessera.app.get(PluginLoader).get('pkg-notes')?.manifest?.version).toBe('1.0.0');
    const [row] = await host.tessera.app.get(DataSource).query(`SELECT "version", "granted" FROM "tessera_plugins" WHERE "name" = 'pkg-notes'`);
    expect(row.version).toBe('1.0.0');
    expect(treeOf(join(host.pluginsDir, '.staging'))).toEqual([]);
    const backup = join(backupsDir(), response.body.error.details.backup_id);
    expect(JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8'))).toMatchObject({
      plugin: 'pkg-notes',
      version: '1.0.0',
      reason: 'update',
      migrations: [{ name: 'CreateNotes1795400000001' }],
      tables: [{ name: 'pkg_notes_items', rows: 1 }],
      state: { enabled: true },
    });
    expect(JSON.parse(readFileSync(join(backup, 'data', 'pkg_notes_items.json'), 'utf8'))).toEqual([{ id: expect.any(String), text: 'first' }]);
    expect(existsSync(join(backup, 'plugin', 'dist', 'release.js'))).toBe(true);
  });

  it('updates to 2.0.0 while it serves: every module of the new version runs, the data stays, the new endpoint is documented', async () => {
    let failures = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const batch = await Promise.all(Array.from({ length: 5 }, () => host.http().get('/plugins/pkg-notes/notes')));
        failures += batch.filter((answer) => answer.status !== 200).length;
      }
    })();
    const response = await as().update('pkg-notes', packages.v2).expect(200);
    running = false;
    await load;
    expect(failures).toBe(0);
    expect(response.body.data).toEqual({ plugin: 'pkg-notes', previous_version: '1.0.0', version: '2.0.0', state: 'active', backup_id: expect.stringMatching(/^pkg-notes-1\.0\.0-/) });
    expect(await notes()).toEqual({ release: 'notes v2', notes: ['first'], cached: 'first' });
    expect((await host.http().get('/plugins/pkg-notes/notes/count').expect(200)).body.data).toEqual({ release: 'notes v2', count: 1 });
    expect(Object.keys((await host.http().get('/docs/json').expect(200)).body.paths)).toContain('/plugins/pkg-notes/notes/count');
    const audit = (await host.http().get('/api/v1/audit?target=plugin:pkg-notes&action=plugin.update').set('Authorization', host.root).expect(200)).body.data.items;
    expect(audit.map((entry: { result: string }) => entry.result)).toEqual(['success', 'failure']);
  });

  it('refuses to update a plugin that is not installed, or with the package of another plugin', async () => {
    expect((await as().update('ghost', packages.v1).expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
    const response = await as().update('pkg-notes', packages.addon).expect(500);
    expect(response.body.error).toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining('the package is the plugin "pkg-notes-addon", not "pkg-notes"') });
    expect((await notes()).release).toBe('notes v2');
  });

  it('refuses to uninstall a plugin others depend on (409), unless force, which disables them', async () => {
    await as().install(packages.addon).expect(201);
    const refused = await as().uninstall('pkg-notes').expect(409);
    expect(refused.body.error).toMatchObject({ code: 'PLUGIN_DEPENDENCY_ERROR', details: { dependents: ['pkg-notes-addon'] } });
    await host.http().get('/plugins/pkg-notes/notes').expect(200);

    const forced = await as().uninstall('pkg-notes', '?force=true&backup=true').expect(200);
    expect(forced.body.data).toEqual({ plugin: 'pkg-notes', version: '2.0.0', cascaded: ['pkg-notes-addon'], backup_id: expect.stringMatching(/^pkg-notes-2\.0\.0-/), data_removed: false });
    expect(host.tessera.app.get(PluginLoader).get('pkg-notes-addon')?.state).toBe('inactive');
    expect((await host.http().get('/plugins/pkg-notes/notes').expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
    expect(existsSync(join(host.pluginsDir, 'pkg-notes'))).toBe(false);
    expect(existsSync(join(backupsDir(), forced.body.data.backup_id, 'plugin', 'plugin.yaml'))).toBe(true);
  });

  it('keeps the data of a plugin uninstalled without cleanup_data: a reinstall finds its notes and cache', async () => {
    expect(await tableExists('pkg_notes_items')).toBe(true);
    await as().install(packages.v2).expect(201);
    expect(await notes()).toEqual({ release: 'notes v2', notes: ['first'], cached: 'first' });
  });

  it('comes back as it was after a process restart: the reinstalled 2.0.0 active, its disabled dependent still disabled', async () => {
    await host.reboot();
    expect(host.tessera.app.get(PluginLoader).get('pkg-notes')).toMatchObject({ state: 'active', manifest: { version: '2.0.0' }, dir: join(host.pluginsDir, 'pkg-notes') });
    expect(host.tessera.app.get(PluginLoader).get('pkg-notes-addon')?.state).toBe('inactive');
    expect((await notes()).notes).toEqual(['first']);
  });

  it('drops the tables and clears the cache namespace of a plugin uninstalled with cleanup_data', async () => {
    await as().uninstall('pkg-notes-addon').expect(200);
    const response = await as().uninstall('pkg-notes', '?cleanup_data=true').expect(200);
    expect(response.body.data).toEqual({ plugin: 'pkg-notes', version: '2.0.0', cascaded: [], backup_id: null, data_removed: true });
    expect([await tableExists('pkg_notes_items'), await migrationsOf('pkg-notes')]).toEqual([false, []]);
    expect(await host.tessera.app.get(CacheService).namespace('pkg-notes').get('last')).toBeUndefined();
    expect(treeOf(host.pluginsDir)).toEqual(['.staging']);
    expect((await as().uninstall('pkg-notes').expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
  });

  it('answers 400 VALIDATION_ERROR for an uninstall flag that is not a boolean', async () => {
    const response = await as().uninstall('pkg-notes', '?force=maybe').expect(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(['force']);
  });
});
