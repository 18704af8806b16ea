import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packPlugin } from './pack-plugin.js';
import type { PackageSource } from './package-source.interface.js';
import { asPackageRejection, packageRejected } from './package-rejected.js';
import type { PluginRepositories } from './plugin-repositories.js';

/** A `.tgz` on local disk, and how to delete it when it was made for the occasion. */
export interface LocalPackage {
  file: string;
  release(): Promise<void>;
}

/**
 * The `.tgz` of a package source: the file itself, a download from its repository into
 * `stagingDir`, or — for a plugin folder — a package packed from it into `stagingDir`, so a
 * folder goes through exactly the checks an upload does.
 *
 * @example
 * const { file, release } = await localPackage({ path: 'plugins/hello' }, 'plugins/.staging', repositories);
 * try { await unpackPlugin(file, ...); } finally { await release(); }
 */
export async function localPackage(source: PackageSource, stagingDir: string, repositories: PluginRepositories): Promise<LocalPackage> {
  const keep = async () => undefined;
  if ('file' in source) return { file: source.file, release: keep };
  if ('repository' in source) return repositories.fetch(source.repository, source.name, source.version, stagingDir);
  const path = resolve(source.path);
  if (!existsSync(path)) throw packageRejected(`nothing exists at ${source.path}`, { reason: 'PACKAGE_NOT_FOUND' });
  if (!statSync(path).isDirectory()) return { file: path, release: keep };
  await mkdir(stagingDir, { recursive: true });
  const file = join(stagingDir, `folder-${randomBytes(6).toString('hex')}.tgz`);
  const release = () => rm(file, { force: true });
  try {
    await packPlugin(path, file);
  } catch (error) {
    await release();
    throw asPackageRejection(error);
  }
  return { file, release };
}
