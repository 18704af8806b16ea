import { TesseraError } from '@tessera/sdk';
import { displayPath } from './display-path.js';

/** One problem of a plugin.yaml, as listed in `details`. */
export interface ManifestProblem {
  /** Dotted path of the field (`permissions[1].effect`); empty for the file as a whole. */
  field: string;
  /** What is wrong and what is expected: `must be one of "allow", "deny" (got "maybe")`. */
  message: string;
  /** 1-based line in plugin.yaml, when the problem points at one. */
  line?: number;
}

function describe(problem: ManifestProblem): string {
  return problem.field === '' ? problem.message : `field "${problem.field}" ${problem.message}`;
}

/**
 * A plugin.yaml that cannot be used: unreadable, malformed YAML, or fields that break the
 * contract. The message names the file and every bad field; `details` lists them one by one.
 *
 * @example
 * // plugins/broken/plugin.yaml: field "version" must be a semver version like 1.2.0 (got "1.x")
 * throw new ManifestError('/srv/app/plugins/broken/plugin.yaml', [
 *   { field: 'version', message: 'must be a semver version like 1.2.0 (got "1.x")', line: 2 },
 * ]);
 */
export class ManifestError extends TesseraError {
  constructor(
    readonly file: string,
    readonly problems: ManifestProblem[],
    /** Remarks found on the way (a misspelt field...), worth showing next to the error. */
    readonly warnings: string[] = [],
  ) {
    super('PLUGIN_MANIFEST_INVALID', `${displayPath(file)}: ${problems.map(describe).join('; ')}`, problems);
    this.name = 'ManifestError';
  }
}
