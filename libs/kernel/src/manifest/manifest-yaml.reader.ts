import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ManifestError } from './manifest.exception.js';

export interface ManifestSource {
  /** The YAML as plain data. */
  data: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
  /** The YAML parser's own warnings (unknown tags and the like). */
  warnings: string[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found: every plugin folder needs a plugin.yaml (see docs/plugin-manifest.md)'
        : `cannot be read (${(error as Error).message})`;
    throw new ManifestError(file, [{ field: '', message: reason }]);
  }
}

/**
 * Reads and parses a plugin.yaml, keeping line numbers for later messages.
 *
 * @throws ManifestError when the file is missing or is not well-formed YAML (with line and column).
 * @example
 * const { data, lineOf } = readManifestYaml('/srv/app/plugins/users/plugin.yaml');
 * lineOf(['permissions', 1, 'effect']); // 9
 */
export function readManifestYaml(file: string): ManifestSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(readText(file), { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    // Only the first: a YAML mistake usually makes the parser stumble over the rest of the file too.
    const [error] = document.errors;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ManifestError(file, [{ field: '', message: `invalid YAML at line ${line}, column ${col}: ${error.message}`, line }]);
  }
  const lineOf = (path: ReadonlyArray<string | number>): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // toJS refuses documents whose aliases expand beyond a limit (the "billion laughs" attack).
    throw new ManifestError(file, [{ field: '', message: `invalid YAML: ${(error as Error).message}` }]);
  }
  return { data, lineOf, warnings: document.warnings.map((warning) => warning.message) };
}
