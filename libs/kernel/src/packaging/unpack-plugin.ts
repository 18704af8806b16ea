import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { MANIFEST_FILE } from '../manifest/manifest-schema.constants.js';
import { entryProblem, isFileEntry } from './archive-entry.checks.js';
import { packageRejected } from './package-rejected.js';
import type { PackageLimits } from './packaging-options.interface.js';

/** A package unpacked into a temporary folder, not yet in place. */
export interface StagedPackage {
  /** The temporary folder; `discard()` deletes it and everything under it. */
  root: string;
  /** The plugin folder inside it (the one holding plugin.yaml). */
  dir: string;
  /** Entries (files and folders) unpacked. */
  entries: number;
  /** Bytes of file content unpacked. */
  bytes: number;
  discard(): Promise<void>;
}

export interface UnpackOptions extends PackageLimits {
  /** Parent of the temporary folder; on the plugin directory's file system for an atomic move. */
  stagingDir: string;
}

/**
 * Unpacks a packed plugin (`.tgz`) into a new temporary folder under `stagingDir`, checking
 * every entry before it is written: files and folders only (no links, devices...), no absolute
 * path or `..`, at most `maxFiles` entries and `maxBytes` of content. The plugin may sit at the
 * top of the archive or in its one top-level folder (`package/`, as `npm pack` makes it).
 * On any problem the temporary folder is deleted and nothing else was written.
 *
 * @throws TesseraError PLUGIN_INSTALLATION_FAILED with the reason (and the entry, when one is to blame).
 * @example
 * const staged = await unpackPlugin('hello-1.0.0.tgz', { stagingDir: 'plugins/.staging', maxBytes: 50e6, maxFiles: 5000 });
 * try { ... loadManifest(staged.dir) ... } finally { await staged.discard(); }
 */
export async function unpackPlugin(tgz: string, options: UnpackOptions): Promise<StagedPackage> {
  if (!existsSync(tgz)) throw packageRejected(`no package file at ${tgz}`);
  await mkdir(options.stagingDir, { recursive: true });
  const root = await mkdtemp(join(options.stagingDir, 'unpack-'));
  const discard = () => rm(root, { recursive: true, force: true });
  try {
    const { entries, bytes } = await extractChecked(tgz, root, options);
    await assertPlainTree(root);
    return { root, dir: await pluginFolder(root), entries, bytes, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

async function extractChecked(tgz: string, root: string, limits: PackageLimits): Promise<{ entries: number; bytes: number }> {
  let refusal: { reason: string; entry?: string } | undefined;
  let entries = 0;
  let bytes = 0;
  const filter = (_path: string, stat: unknown): boolean => {
    if (refusal) return false;
    const entry = stat as tar.ReadEntry;
    const problem = entryProblem(entry);
    if (problem) {
      refusal = { reason: problem, entry: entry.path };
      return false;
    }
    entries += 1;
    if (isFileEntry(entry)) bytes += entry.size;
    if (entries > limits.maxFiles) refusal = { reason: `it holds more than ${limits.maxFiles} files and folders` };
    else if (bytes > limits.maxBytes) refusal = { reason: `it unpacks to more than ${limits.maxBytes} bytes` };
    if (refusal) return false;
    // Permissions come from us, not the archive: no set-uid bits, nothing writable by others.
    if (entry.mode !== undefined) entry.mode &= 0o755;
    return true;
  };
  try {
    await tar.x({ file: tgz, cwd: root, strict: true, preserveOwner: false, filter });
  } catch (error) {
    refusal ??= { reason: `it is not a readable gzipped tar archive (${(error as Error)?.message ?? String(error)})` };
  }
  if (refusal) throw packageRejected(refusal.reason, refusal.entry === undefined ? {} : { entry: refusal.entry });
  if (entries === 0) throw packageRejected('the archive is empty');
  return { entries, bytes };
}

/** Defence in depth: whatever tar did, the unpacked tree holds only files and folders. */
async function assertPlainTree(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const stat = await lstat(path);
    if (stat.isDirectory()) await assertPlainTree(path);
    else if (!stat.isFile()) throw packageRejected(`"${name}" was unpacked as something other than a file or folder`);
  }
}

async function pluginFolder(root: string): Promise<string> {
  if (existsSync(join(root, MANIFEST_FILE))) return root;
  const top = await readdir(root, { withFileTypes: true });
  if (top.length === 1 && top[0].isDirectory() && existsSync(join(root, top[0].name, MANIFEST_FILE))) return join(root, top[0].name);
  throw packageRejected(`no ${MANIFEST_FILE} at the top of the package or of its one top-level folder`);
}
