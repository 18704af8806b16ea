import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPlugin } from './pack-plugin.js';
import { PluginRepositories } from './plugin-repositories.js';

const limits = { maxBytes: 10_000_000, timeoutMs: 5_000 };

describe('PluginRepositories', () => {
  let folder: string;
  let indexed: string;
  let server: Server;
  let indexUrl: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-repo-'));
    await packPlugin(resolve('test/fixtures/packages/pkg-notes'), join(folder, 'pkg-notes-1.0.0.tgz'));
    await packPlugin(resolve('test/fixtures/packages/pkg-notes-v2'), join(folder, 'pkg-notes-2.0.0.tgz'));
    await packPlugin(resolve('test/fixtures/packages/pkg-notes-addon'), join(folder, 'pkg-notes-addon-1.0.0.tgz'));
    writeFileSync(join(folder, 'not-a-package.tgz'), 'garbage');
    indexed = mkdtempSync(join(tmpdir(), 'tessera-repo-indexed-'));
    writeFileSync(join(indexed, 'index.json'), JSON.stringify({ plugins: [{ name: 'pkg-notes', version: '1.0.0', description: 'Notes', file: '../escape.tgz' }] }));
    server = createServer((request, response) => {
      const name = request.url === '/repo/index.json' ? null : request.url?.replace('/repo/', '');
      if (name === null) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify([{ name: 'pkg-notes', version: '2.0.0', description: 'Notes over HTTP', file: 'pkg-notes-2.0.0.tgz' }]));
      } else if (name && existsSync(join(folder, name))) {
        createReadStream(join(folder, name)).pipe(response);
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo/index.json`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(folder, { recursive: true, force: true });
    rmSync(indexed, { recursive: true, force: true });
  });

  it('lists the packages of a folder (read from inside each .tgz) and of an HTTP index, and says which repository is down', async () => {
    const repositories = new PluginRepositories([folder, indexUrl, 'http://127.0.0.1:9/index.json'], limits);
    const described = await repositories.describe();
    expect(described.map(({ source, kind, available, packages }) => ({ source, kind, available, packages }))).toEqual([
      { source: folder, kind: 'folder', available: true, packages: 3 },
      { source: indexUrl, kind: 'http', available: true, packages: 1 },
      { source: 'http://127.0.0.1:9/index.json', kind: 'http', available: false, packages: undefined },
    ]);
    expect(described[2].error).toEqual(expect.any(String));
  });

  it('searches names, descriptions and categories across repositories', async () => {
    const repositories = new PluginRepositories([folder, indexUrl, 'http://127.0.0.1:9/index.json'], limits);
    const found = await repositories.search('OVER http');
    expect(found.items).toEqual([{ name: 'pkg-notes', version: '2.0.0', description: 'Notes over HTTP', file: indexUrl.replace('index.json', 'pkg-notes-2.0.0.tgz'), repository: indexUrl }]);
    expect(found.unavailable).toEqual([{ repository: 'http://127.0.0.1:9/index.json', error: expect.any(String) }]);
    expect((await repositories.search('addon')).items.map((item) => `${item.name}@${item.version}`)).toEqual(['pkg-notes-addon@1.0.0']);
  });

  it('picks the highest version, an exact one, or the highest in a range', async () => {
    const repositories = new PluginRepositories([folder], limits);
    const pick = async (version?: string) => (await repositories.fetch(folder, 'pkg-notes', version, folder)).entry.version;
    expect([await pick(), await pick('1.0.0'), await pick('^1')]).toEqual(['2.0.0', '1.0.0', '1.0.0']);
    await expect(pick('^3')).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND', message: expect.stringContaining('it offers 1.0.0, 2.0.0') });
  });

  it('downloads from an HTTP repository into the given folder, and release deletes the download', async () => {
    const into = mkdtempSync(join(tmpdir(), 'tessera-download-'));
    try {
      const fetched = await new PluginRepositories([indexUrl], limits).fetch(indexUrl, 'pkg-notes', undefined, into);
      expect(fetched.file.startsWith(into)).toBe(true);
      expect(existsSync(fetched.file)).toBe(true);
      await fetched.release();
      expect(existsSync(fetched.file)).toBe(false);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  it('stops a download past maxBytes', async () => {
    const repositories = new PluginRepositories([indexUrl], { maxBytes: 100, timeoutMs: 5_000 });
    await expect(repositories.fetch(indexUrl, 'pkg-notes', undefined, tmpdir())).rejects.toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining('larger than 100 bytes') });
  });

  it('refuses an unknown repository and a folder index entry that points outside the folder', async () => {
    const repositories = new PluginRepositories([indexed], limits);
    await expect(repositories.fetch('/elsewhere', 'pkg-notes', undefined, tmpdir())).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(repositories.fetch(indexed, 'pkg-notes', undefined, tmpdir())).rejects.toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining('outside its folder') });
  });
});
