import { isAbsolute, relative } from 'node:path';

/**
 * A path as people want to read it in a message: relative to the working directory when it is
 * inside it (`plugins/users/plugin.yaml`), absolute otherwise.
 *
 * @example
 * displayPath('/srv/app/plugins/users', '/srv/app'); // 'plugins/users'
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const local = relative(cwd, path);
  return local === '' || local.startsWith('..') || isAbsolute(local) ? path : local;
}
