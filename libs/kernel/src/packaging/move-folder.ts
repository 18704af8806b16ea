import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Copies a folder under a temporary name next to `to`, then renames it into place: `to` never
 * appears half-written.
 *
 * @example
 * await copyFolder('plugins/hello', 'data/backups/hello-1.0.0-20261120T101500Z/files');
 */
export async function copyFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const partial = join(dirname(to), `.${basename(to)}.partial-${process.pid}-${Date.now()}`);
  try {
    await cp(from, partial, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true });
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Moves a folder: one atomic `rename` within a file system; across file systems (backups on
 * another volume) a `copyFolder`, then `from` is deleted.
 *
 * @example
 * await moveFolder('plugins/.staging/unpack-x1/package', 'plugins/hello');
 */
export async function moveFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  await copyFolder(from, to);
  await rm(from, { recursive: true, force: true });
}
