import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { TesseraError } from '@tessera/sdk';
import semver from 'semver';
import { displayPath } from '../manifest/display-path.js';

export interface PackageProblem {
  package: string;
  range: string;
  /** The version found, when there is one. */
  installed?: string;
}

/**
 * The version of `name` that an import from the plugin folder would reach. The package.json is
 * looked up in the node_modules folders Node searches (`require.resolve.paths`) rather than
 * resolved, because resolving needs an export condition: ESM-only packages have no `require`
 * entry and many do not export `./package.json`.
 */
function installedVersion(lookupPaths: readonly string[], name: string): string | undefined {
  for (const base of lookupPaths) {
    let version: unknown;
    try {
      version = (JSON.parse(readFileSync(join(base, name, 'package.json'), 'utf8')) as { version?: unknown }).version;
    } catch {
      // Not in this folder (or unreadable there, which Node would also step over): look further up.
      continue;
    }
    return typeof version === 'string' ? version : undefined;
  }
  return undefined;
}

function describe(problem: PackageProblem): string {
  return problem.installed === undefined
    ? `npm package "${problem.package}" (${problem.range}) is not installed where the plugin can import it`
    : `npm package "${problem.package}" ${problem.range} is required but ${problem.installed} is installed`;
}

/**
 * Checks plugin.yaml's `dependencies.packages`: each package must be reachable from the plugin
 * folder and its installed version must satisfy the range (pre-releases count).
 *
 * @returns undefined when all is well, else a PLUGIN_DEPENDENCY_ERROR naming every bad package.
 * @example
 * const error = checkPackages('plugins/users', { '@nestjs/common': '^12.0.0', 'left-pad': '^1.3.0' });
 * // plugins/users: npm package "left-pad" (^1.3.0) is not installed where the plugin can import it. Install ...
 */
export function checkPackages(pluginDir: string, packages: Record<string, string>): TesseraError | undefined {
  const dir = resolve(pluginDir);
  const lookup = createRequire(join(dir, 'package.json')).resolve;
  const problems: PackageProblem[] = [];
  for (const [name, range] of Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const installed = installedVersion(lookup.paths(name) ?? [], name);
    if (installed === undefined) problems.push({ package: name, range });
    else if (!semver.satisfies(installed, range, { includePrerelease: true })) problems.push({ package: name, range, installed });
  }
  if (problems.length === 0) return undefined;
  const install = problems.map((problem) => `${problem.package}@"${problem.range}"`).join(' ');
  return new TesseraError(
    'PLUGIN_DEPENDENCY_ERROR',
    `${displayPath(dir)}: ${problems.map(describe).join('; ')}. Install a matching version (npm install ${install}) in the application or the plugin folder.`,
    problems,
  );
}
