import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { TesseraError } from '@tessera/sdk';
import * as tar from 'tar';
import { loadManifest } from '../manifest/manifest.loader.js';
import { MANIFEST_FILE } from '../manifest/manifest-schema.constants.js';
import { PACKAGE_ROOT, PACKED_EXTRAS } from './packaging.constants.js';

/** What `packPlugin` wrote. */
export interface PackedPlugin {
  /** Absolute path of the `.tgz`. */
  file: string;
  name: string;
  version: string;
  /** Paths inside the package, relative to the plugin folder. */
  files: string[];
  /** Size of the `.tgz` in bytes. */
  bytes: number;
}

// Build leftovers and things installed per machine never travel.
const SKIPPED = new Set(['node_modules', '.tsbuildinfo', '.DS_Store', '.git']);

/**
 * Packs a built plugin folder into `<name>-<version>.tgz`: plugin.yaml, package.json, README and
 * LICENSE when present, and the folder of the compiled entry (`dist/` for `entry_point:
 * dist/index.js`) — never `src/` or `node_modules/`. Files sit under `package/`, as in `npm pack`.
 *
 * @throws TesseraError PLUGIN_MANIFEST_INVALID for a bad plugin.yaml; PLUGIN_INSTALLATION_FAILED when
 * the entry is not built or the plugin holds a symbolic link.
 * @example
 * const packed = await packPlugin('plugins/hello');           // ./hello-1.0.0.tgz
 * await packPlugin('plugins/hello', '/tmp/hello.tgz');
 */
export async function packPlugin(dir: string, outFile?: string): Promise<PackedPlugin> {
  const root = resolve(dir);
  if (!existsSync(join(root, MANIFEST_FILE))) {
    throw new TesseraError('PLUGIN_MANIFEST_INVALID', `${root} holds no ${MANIFEST_FILE}: give the folder of a plugin.`);
  }
  const { manifest } = loadManifest(root);
  const entry = resolve(root, manifest.entry_point);
  if (!entry.startsWith(root + sep)) {
    throw new TesseraError('PLUGIN_MANIFEST_INVALID', `${manifest.name}: entry_point "${manifest.entry_point}" points outside the plugin folder.`);
  }
  if (!existsSync(entry)) {
    throw new TesseraError('PLUGIN_INSTALLATION_FAILED', `${manifest.name}: entry_point ${manifest.entry_point} does not exist. Build the plugin first (npm run build).`);
  }
  const entryTop = relative(root, entry).split(sep)[0];
  const tops = [MANIFEST_FILE, ...PACKED_EXTRAS.filter((name) => existsSync(join(root, name))), entryTop];
  const files = [...new Set((await Promise.all(tops.map((top) => listFiles(root, top)))).flat())];
  const file = resolve(outFile ?? `${manifest.name}-${manifest.version}.tgz`);
  await mkdir(dirname(file), { recursive: true });
  await tar.c({ gzip: true, file, cwd: root, portable: true, prefix: PACKAGE_ROOT, noDirRecurse: true }, files);
  return { file, name: manifest.name, version: manifest.version, files, bytes: (await stat(file)).size };
}

/** Files under `path` (relative to `root`), in a stable order; a link is refused, not followed. */
async function listFiles(root: string, path: string): Promise<string[]> {
  const info = await lstat(join(root, path));
  if (info.isSymbolicLink()) {
    throw new TesseraError('PLUGIN_INSTALLATION_FAILED', `${path} is a symbolic link; packages hold only files and folders. Copy the target in instead.`);
  }
  if (info.isFile()) return [path.split(sep).join(posix.sep)];
  if (!info.isDirectory()) return [];
  const names = (await readdir(join(root, path))).filter((name) => !SKIPPED.has(name)).sort();
  const nested = await Promise.all(names.map((name) => listFiles(root, join(path, name))));
  return nested.flat();
}
