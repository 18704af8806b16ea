import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packPlugin } from './pack-plugin.js';
import { readPackedManifest } from './read-packed-manifest.js';
import { unpackPlugin } from './unpack-plugin.js';

// Built by `npm test` (tsconfig.build.json references it).
const NOTES = resolve('test/fixtures/packages/pkg-notes');

async function entriesOf(file: string): Promise<string[]> {
  const paths: string[] = [];
  await tar.t({ file, onReadEntry: (entry) => paths.push(entry.path) });
  return paths.sort();
}

describe('packPlugin', () => {
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'tessera-pack-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('packs plugin.yaml, package.json, README and the built entry folder under package/, never src/', async () => {
    const packed = await packPlugin(NOTES, join(work, 'notes.tgz'));
    expect(packed).toMatchObject({ name: 'pkg-notes', version: '1.0.0', file: join(work, 'notes.tgz'), bytes: expect.any(Number) });
    const entries = await entriesOf(packed.file);
    expect(entries).toEqual(expect.arrayContaining(['package/plugin.yaml', 'package/package.json', 'package/README.md', 'package/dist/index.js', 'package/dist/release.js']));
    expect(entries.filter((path) => path.includes('/src/') || path.endsWith('.tsbuildinfo') || path.includes('tsconfig'))).toEqual([]);
  });

  it('names the file <name>-<version>.tgz by default, and the package reads back', async () => {
    const previous = process.cwd();
    process.chdir(work);
    try {
      const packed = await packPlugin(NOTES);
      expect(packed.file).toBe(join(work, 'pkg-notes-1.0.0.tgz'));
      expect(await readPackedManifest(packed.file)).toEqual({ name: 'pkg-notes', version: '1.0.0', description: 'Package fixture that keeps notes in its own table', category: 'testing' });
      const staged = await unpackPlugin(packed.file, { stagingDir: join(work, '.staging'), maxBytes: 1e7, maxFiles: 100 });
      expect(readdirSync(join(staged.dir, 'dist'))).toContain('notes.controller.js');
    } finally {
      process.chdir(previous);
    }
  });

  it('refuses a plugin whose entry is not built', async () => {
    const copy = join(work, 'unbuilt');
    cpSync(NOTES, copy, { recursive: true, filter: (path) => !path.includes('/dist') });
    await expect(packPlugin(copy, join(work, 'x.tgz'))).rejects.toMatchObject({ message: expect.stringContaining('entry_point dist/index.js does not exist. Build the plugin first') });
  });

  it('refuses a folder without a valid plugin.yaml', async () => {
    await expect(packPlugin(work)).rejects.toMatchObject({ code: 'PLUGIN_MANIFEST_INVALID', message: expect.stringContaining('holds no plugin.yaml') });
    writeFileSync(join(work, 'plugin.yaml'), 'name: Bad Name\nversion: 1\n');
    await expect(packPlugin(work)).rejects.toMatchObject({ code: 'PLUGIN_MANIFEST_INVALID', message: expect.stringContaining('field "name"') });
  });

  it('refuses a symbolic link instead of packing it', async () => {
    const copy = join(work, 'linked');
    cpSync(NOTES, copy, { recursive: true });
    symlinkSync('/etc/passwd', join(copy, 'dist', 'passwd'));
    await expect(packPlugin(copy, join(work, 'x.tgz'))).rejects.toMatchObject({ message: expect.stringContaining('dist/passwd is a symbolic link') });
  });
});
