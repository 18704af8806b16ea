import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildArchive, manifestYaml, type RawEntry } from '../../../../test/fixtures/packages/build-archive.js';
import { unpackPlugin } from './unpack-plugin.js';

describe('unpackPlugin', () => {
  let work: string;
  let staging: string;
  const limits = { maxBytes: 10_000, maxFiles: 20 };
  const archive = (entries: RawEntry[]) => {
    const file = join(work, `${randomBytes(4).toString('hex')}.tgz`);
    buildArchive(file, entries);
    return file;
  };
  const good: RawEntry[] = [
    { path: 'package/plugin.yaml', content: manifestYaml('good') },
    { path: 'package/dist/index.js', content: 'export {};' },
  ];

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'tessera-unpack-'));
    staging = join(work, 'plugins', '.staging');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('unpacks a package made like npm pack (under package/) and points at the plugin folder', async () => {
    const staged = await unpackPlugin(archive(good), { stagingDir: staging, ...limits });
    expect(staged.dir).toBe(join(staged.root, 'package'));
    expect(readFileSync(join(staged.dir, 'dist/index.js'), 'utf8')).toBe('export {};');
    expect(staged).toMatchObject({ entries: 2, bytes: manifestYaml('good').length + 'export {};'.length });
    await staged.discard();
    expect(readdirSync(staging)).toEqual([]);
  });

  it('also takes plugin.yaml at the top of the archive', async () => {
    const staged = await unpackPlugin(archive(good.map((entry) => ({ ...entry, path: entry.path.replace('package/', '') }))), { stagingDir: staging, ...limits });
    expect(staged.dir).toBe(staged.root);
    expect(existsSync(join(staged.dir, 'plugin.yaml'))).toBe(true);
  });

  const outside = () => join(tmpdir(), `tessera-escape-${process.pid}-${Date.now()}.txt`);
  const hostile: Array<[string, () => { entries: RawEntry[]; escaped?: string }, string]> = [
    ['a ../ path', () => ({ entries: [...good, { path: 'package/../../escape.txt', content: 'boo' }], escaped: join(staging, '..', 'escape.txt') }), 'climbs out of the package with ".."'],
    ['an absolute path', () => { const target = outside(); return { entries: [...good, { path: target, content: 'boo' }], escaped: target }; }, 'has an absolute path'],
    ['a symbolic link out', () => ({ entries: [...good, { path: 'package/dist/passwd', type: 'SymbolicLink', linkpath: '/etc/passwd' }] }), 'is a symbolic link'],
    ['a hard link', () => ({ entries: [...good, { path: 'package/dist/copy.js', type: 'Link', linkpath: 'package/dist/index.js' }] }), 'is a hard link'],
    ['a device', () => ({ entries: [...good, { path: 'package/dev', type: 'CharacterDevice' }] }), 'CharacterDevice entry'],
    ['a backslash path', () => ({ entries: [...good, { path: 'package\\..\\..\\x.txt', content: 'boo' }] }), 'contains a backslash'],
    ['too many files', () => ({ entries: [...good, ...Array.from({ length: 20 }, (_, n) => ({ path: `package/dist/f${n}.js`, content: '' }))] }), 'more than 20 files and folders'],
    ['too many bytes', () => ({ entries: [...good, { path: 'package/dist/big.js', content: 'x'.repeat(10_001) }] }), 'unpacks to more than 10000 bytes'],
    ['no plugin.yaml', () => ({ entries: [{ path: 'package/dist/index.js', content: '' }] }), 'no plugin.yaml at the top'],
  ];

  it.each(hostile)('refuses %s, writes nothing outside and leaves the staging folder empty', async (_case, make, reason) => {
    const { entries, escaped } = make();
    const error = await unpackPlugin(archive(entries), { stagingDir: staging, ...limits }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining(reason) });
    expect(readdirSync(staging)).toEqual([]);
    if (escaped) expect(existsSync(escaped)).toBe(false);
  });

  it('refuses a file that is not a gzipped tar', async () => {
    const file = join(work, 'garbage.tgz');
    writeFileSync(file, randomBytes(2000));
    await expect(unpackPlugin(file, { stagingDir: staging, ...limits })).rejects.toMatchObject({ code: 'PLUGIN_INSTALLATION_FAILED', message: expect.stringContaining('not a readable gzipped tar') });
    expect(readdirSync(staging)).toEqual([]);
  });

  it('drops set-uid and world-writable bits from the archive modes', async () => {
    const staged = await unpackPlugin(archive([...good, { path: 'package/dist/tool.js', content: '', mode: 0o4777 }]), { stagingDir: staging, ...limits });
    expect(statSync(join(staged.dir, 'dist/tool.js')).mode & 0o7777).toBe(0o755);
  });
});
