import { isAbsolute, relative } from 'node:path';

/** A path relative to the working directory when it is inside it, absolute otherwise. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const local = relative(cwd, path);
  if (local === '') return '.';
  return local.startsWith('..') || isAbsolute(local) ? path : local;
}
