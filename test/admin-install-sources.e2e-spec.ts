import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { packPlugin, PluginLoader } from '@tessera/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, manifestYaml, type RawEntry } from './fixtures/packages/build-archive.js';
import { bootInstallHost, PACKAGE_SOURCES, REPOSITORY_ROOT, treeOf, type InstallHost } from './fixtures/packages/install-host.js';

const API = '/api/v1/plugins';
const MAX_BYTES = 200_000;
const MAX_FILES = 60;

// Installing packed plugins on the real host from each source (upload, path, folder and HTTP
// repositories, the CLI), and refusing hostile or broken packages with nothing left behind.
// Update and uninstall are in admin-install-lifecycle.e2e-spec.ts.
describe('installing plugins (POST /api/v1/plugins/install)', () => {
  let host: InstallHost;
  let work: string;
  let folderRepository: string;
  let httpFolder: string;
  let server: Server;
  let indexUrl: string;
  const post = (body: object, token = host.root) => host.http().post(`${API}/install`).set('Authorization', token).send(body);
  const upload = (file: string, token = host.root) => host.http().post(`${API}/install`).set('Authorization', token).attach('file', readFileSync(file), 'package.tgz');
  const staging = () => join(host.pluginsDir, '.staging');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tessera-install-sources-'));
    folderRepository = join(work, 'repository');
    await packPlugin(resolve(REPOSITORY_ROOT, 'plugins/hello'), join(folderRepository, 'hello-1.0.0.tgz'));
    httpFolder = join(work, 'served');
    await packPlugin(resolve(REPOSITORY_ROOT, 'test/fixtures/plugins/rate-limited'), join(httpFolder, 'rate-limited-1.0.0.tgz'));
    await writeFile(join(httpFolder, 'index.json'), JSON.stringify({ plugins: [{ name: 'rate-limited', version: '1.0.0', description: 'Tiny rate limit', file: 'rate-limited-1.0.0.tgz' }] }));
    server = createServer((req, res) => {
      const file = join(httpFolder, (req.url ?? '/').replace(/^\/+/, ''));
      if (!existsSync(file)) return void res.writeHead(404).end();
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`;
    host = await bootInstallHost({ repositories: [folderRepository, indexUrl], maxBytes: MAX_BYTES, maxFiles: MAX_FILES });
  });

  afterAll(async () => {
    await host?.close();
    if (server) await new Promise((done) => server.close(done));
    await rm(work, { recursive: true, force: true });
  });

  describe('from each source', () => {
    it('installs an upload (multipart "file"), starts it and audits it', async () => {
      const packed = await packPlugin(join(PACKAGE_SOURCES, 'pkg-notes'), join(work, 'pkg-notes-1.0.0.tgz'));
      const response = await upload(packed.file).expect(201);
      expect(response.body).toEqual({
        success: true,
        data: { plugin: 'pkg-notes', version: '1.0.0', state: 'active', dir: join(host.pluginsDir, 'pkg-notes'), warnings: [] },
      });
      expect((await host.http().get('/plugins/pkg-notes/notes').expect(200)).body.data).toEqual({ release: 'notes v1', notes: [], cached: null });
      expect(treeOf(host.pluginsDir).filter((path) => !path.startsWith('pkg-notes'))).toEqual(['.staging']);
      expect(treeOf(staging())).toEqual([]);
      const audit = (await host.http().get('/api/v1/audit?target=plugin:pkg-notes').set('Authorization', host.root).expect(200)).body.data.items;
      expect(audit[0]).toMatchObject({ action: 'plugin.install', result: 'success', params: { source: 'upload', filename: 'package.tgz' } });
    });

    it('answers 409 PLUGIN_ALREADY_INSTALLED for a second install, and changes nothing', async () => {
      const before = treeOf(host.pluginsDir);
      const response = await upload(join(work, 'pkg-notes-1.0.0.tgz')).expect(409);
      expect(response.body.error).toMatchObject({ code: 'PLUGIN_ALREADY_INSTALLED', message: expect.stringContaining('Update it instead') });
      expect(treeOf(host.pluginsDir)).toEqual(before);
    });

    it('installs a built plugin folder given by path (packed and checked like an upload)', async () => {
      const response = await post({ path: join(PACKAGE_SOURCES, 'pkg-notes-addon') }).expect(201);
      expect(response.body.data).toMatchObject({ plugin: 'pkg-notes-addon', version: '1.0.0', state: 'active' });
      expect(treeOf(join(host.pluginsDir, 'pkg-notes-addon'))).toEqual(['dist', 'dist/index.d.ts', 'dist/index.js', 'dist/index.js.map', 'plugin.yaml']);
      expect((await host.http().get('/plugins/pkg-notes-addon/addon').expect(200)).body.data).toBe('addon');
    });

    it('installs from a folder repository, and shows the plugin in /docs/json', async () => {
      const response = await post({ repository: folderRepository, name: 'hello' }).expect(201);
      expect(response.body.data).toMatchObject({ plugin: 'hello', version: '1.0.0', state: 'active' });
      expect((await host.http().get('/plugins/hello/hello?name=Ada').expect(200)).body.data.message).toBe('Hello, Ada!');
      expect(Object.keys((await host.http().get('/docs/json').expect(200)).body.paths)).toContain('/plugins/hello/hello');
    });

    it('installs from an HTTP repository, leaving no download behind', async () => {
      const response = await post({ repository: indexUrl, name: 'rate-limited', version: '^1' }).expect(201);
      expect(response.body.data).toMatchObject({ plugin: 'rate-limited', version: '1.0.0', state: 'active' });
      await host.http().get('/plugins/rate-limited/ping').expect(200);
      expect(treeOf(staging())).toEqual([]);
    });

    it('installs what `tessera plugin pack` made, through `tessera plugin install`', async () => {
      const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(REPOSITORY_ROOT, 'apps/cli/dist/main.js'), ...args], { cwd: work });
      const packed = await cli(['plugin', 'pack', join(REPOSITORY_ROOT, 'test/fixtures/plugins/kernel-probe'), '-o', join(work, 'probe.tgz')]);
      expect(packed.stdout).toMatch(/^Packed kernel-probe 1\.0\.0 into .*probe\.tgz \(\d+ files, \d+ bytes\)\./);
      const url = await host.tessera.listen();
      const installed = await cli(['plugin', 'install', join(work, 'probe.tgz'), '--url', url, '--token', host.root.slice('Bearer '.length)]);
      expect(installed.stdout).toBe('Installed kernel-probe 1.0.0 (active).\n');
      expect(host.tessera.app.get(PluginLoader).get('kernel-probe')?.state).toBe('active');
      const again = await cli(['plugin', 'install', join(work, 'probe.tgz'), '--url', url, '--token', host.root.slice('Bearer '.length)]).catch((error: { code: number; stderr: string }) => error);
      expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('PLUGIN_ALREADY_INSTALLED: A plugin named "kernel-probe" is already installed') });
    });
  });

  describe('refused packages leave nothing behind', () => {
    const outside = join(tmpdir(), `tessera-escaped-${process.pid}.txt`);
    const good: RawEntry[] = [
      { path: 'package/plugin.yaml', content: manifestYaml('evil') },
      { path: 'package/dist/index.js', content: 'export {};' },
    ];
    // Hex of random bytes: unpacks past the limit, yet compresses to about half, under the upload limit.
    const noise = () => randomBytes(MAX_BYTES * 0.55).toString('hex');
    const cases: Array<[string, RawEntry[], string, Record<string, unknown>]> = [
      ['a ../ path', [...good, { path: 'package/../../../escape.txt', content: 'boo' }], 'climbs out of the package with ".."', { entry: 'package/../../../escape.txt' }],
      ['an absolute path', [...good, { path: outside, content: 'boo' }], 'has an absolute path', { entry: outside }],
      ['a symbolic link to /etc/passwd', [...good, { path: 'package/dist/passwd', type: 'SymbolicLink', linkpath: '/etc/passwd' }], 'is a symbolic link', {}],
      ['a hard link', [...good, { path: 'package/dist/again.js', type: 'Link', linkpath: 'package/dist/index.js' }], 'is a hard link', {}],
      ['an oversized package', [...good, { path: 'package/dist/blob.txt', content: noise() }], `unpacks to more than ${MAX_BYTES} bytes`, {}],
      ['too many files', [...good, ...Array.from({ length: MAX_FILES }, (_, n) => ({ path: `package/dist/f${n}.js`, content: '' }))], `more than ${MAX_FILES} files and folders`, {}],
      ['a bad manifest', [{ path: 'package/plugin.yaml', content: 'name: Evil Plugin\nversion: one\n' }, ...good.slice(1)], 'its plugin.yaml is invalid: field "name"', { reason: 'PLUGIN_MANIFEST_INVALID' }],
      ['a missing entry point', good.slice(0, 1), 'its entry_point dist/index.js is not in the package', { reason: 'PLUGIN_MANIFEST_INVALID' }],
      ['an incompatible framework version', [{ path: 'package/plugin.yaml', content: manifestYaml('evil').replace('">=1.0"', '">=99"') }, ...good.slice(1)], 'requires framework >=99', { reason: 'PLUGIN_INCOMPATIBLE' }],
      ['a missing dependency', [{ path: 'package/plugin.yaml', content: manifestYaml('evil', 'dependencies:\n  plugins: { ghost: "^1" }\n') }, ...good.slice(1)], 'ghost', { reason: 'PLUGIN_DEPENDENCY_ERROR' }],
    ];

    it.each(cases)('refuses %s with PLUGIN_INSTALLATION_FAILED and the reason', async (_name, entries, reason, details) => {
      const file = join(work, `evil-${randomBytes(4).toString('hex')}.tgz`);
      buildArchive(file, entries);
      const before = treeOf(host.pluginsDir);
      const response = await upload(file).expect(500);
      expect(response.body).toEqual({
        success: false,
        error: { code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining(reason), details: expect.objectContaining(details) },
      });
      expect(treeOf(host.pluginsDir)).toEqual(before);
      expect(treeOf(staging())).toEqual([]);
      expect(existsSync(outside)).toBe(false);
      expect(existsSync(join(host.appDir, 'escape.txt'))).toBe(false);
      expect(host.tessera.app.get(PluginLoader).get('evil')).toBeUndefined();
    });

    it('refuses an upload larger than PLUGIN_PACKAGE_MAX_BYTES, and a file that is not a package', async () => {
      const big = join(work, 'big.tgz');
      await writeFile(big, randomBytes(MAX_BYTES + 1));
      expect((await upload(big).expect(500)).body.error.message).toContain(`the upload is larger than ${MAX_BYTES} bytes`);
      const junk = join(work, 'junk.tgz');
      await writeFile(junk, 'not a tar');
      expect((await upload(junk).expect(500)).body.error.message).toContain('not a readable gzipped tar archive');
      expect(treeOf(staging())).toEqual([]);
    });
  });

  describe('repositories and validation', () => {
    it('lists the configured repositories and searches them', async () => {
      const reader = await host.adminWith('package-reader', ['plugins.read']);
      const repositories = (await host.http().get(`${API}/repositories`).set('Authorization', reader).expect(200)).body.data;
      expect(repositories).toEqual([
        { source: folderRepository, kind: 'folder', available: true, packages: 1 },
        { source: indexUrl, kind: 'http', available: true, packages: 1 },
      ]);
      const found = (await host.http().get(`${API}/search?q=TINY`).set('Authorization', reader).expect(200)).body.data;
      expect(found).toEqual({
        items: [{ name: 'rate-limited', version: '1.0.0', description: 'Tiny rate limit', file: indexUrl.replace('index.json', 'rate-limited-1.0.0.tgz'), repository: indexUrl, installed_version: '1.0.0' }],
        unavailable: [],
      });
      const denied = await host.http().post(`${API}/install`).set('Authorization', reader).send({ path: '/nowhere' }).expect(403);
      expect(denied.body.error.code).toBe('FORBIDDEN');
      await host.http().get(`${API}/search`).expect(401);
    });

    it.each([
      [{}, 'file'],
      [{ path: '/x.tgz', repository: '/some/repository' }, 'path'],
      [{ repository: '/some/repository' }, 'name'],
      [{ repository: '/not/configured', name: 'hello' }, 'repository'],
    ])('answers 400 VALIDATION_ERROR naming the field for %j', async (body, field) => {
      const response = await post(body).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
    });

    it('answers 404 PLUGIN_NOT_FOUND for a package the repository does not have, and 500 for a path that does not exist', async () => {
      expect((await post({ repository: folderRepository, name: 'ghost' }).expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
      expect((await post({ path: join(work, 'missing.tgz') }).expect(500)).body.error).toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', details: { reason: 'PACKAGE_NOT_FOUND' } });
    });
  });
});
