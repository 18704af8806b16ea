import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The solution file of the repository: `npm run build` builds every project it references. */
export const BUILD_TSCONFIG = 'tsconfig.build.json';

/** A relative path with `/`, as tsconfig files write them on every platform. */
export function toPosixPath(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The root of the Tessera repository that holds `dir` (the nearest folder at or above it with
 * tsconfig.build.json and libs/sdk), or undefined when `dir` is not inside one.
 */
export function findTesseraRepository(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, BUILD_TSCONFIG)) && existsSync(join(current, 'libs', 'sdk', 'package.json'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Adds `projectDir` to the references of the repository's tsconfig.build.json, written back
 * in the file's own layout (two-space JSON). Returns false when it was referenced already.
 */
export function addBuildReference(root: string, projectDir: string): boolean {
  const file = join(root, BUILD_TSCONFIG);
  const config = JSON.parse(readFileSync(file, 'utf8')) as { references?: { path: string }[] };
  const path = toPosixPath(relative(root, projectDir));
  const references = config.references ?? [];
  if (references.some((reference) => reference.path === path)) return false;
  config.references = [...references, { path }];
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return true;
}
