import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Where Vitest's global setup tells the test processes the template folder is. */
export const PGLITE_TEMPLATE_ENV = 'TESSERA_PGLITE_TEMPLATE';

// initdb runs in a child process: it costs ~800 MB of memory, which the test runner (or the
// test process) would otherwise keep for the rest of the run.
const INITDB_SCRIPT = `
const { PGlite } = require(process.argv[1]);
PGlite.create({ dataDir: process.argv[2] })
  .then((db) => db.close())
  .catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * Returns an initialised, empty PGlite folder to copy test databases from. Creating a PGlite
 * folder runs initdb (3–5 s, ~800 MB); copying one and opening the copy takes well under a
 * second. The folder lives in the OS temp dir, keyed by the PGlite version, so it is made once
 * per machine and version; concurrent runs race harmlessly (atomic rename).
 *
 * @example
 * // vitest globalSetup
 * export default async function setup() {
 *   process.env[PGLITE_TEMPLATE_ENV] = await preparePgliteTemplate();
 * }
 */
export async function preparePgliteTemplate(): Promise<string> {
  const announced = process.env[PGLITE_TEMPLATE_ENV];
  if (announced && isInitialised(announced)) return announced;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const folder = join(tmpdir(), `tessera-pglite-template-${pgliteVersion(entry)}`);
  if (isInitialised(folder)) return folder;
  const draft = `${folder}.draft-${process.pid}-${Date.now()}`;
  try {
    await promisify(execFile)(process.execPath, ['-e', INITDB_SCRIPT, entry, draft]);
    await rename(draft, folder);
  } catch (error) {
    await rm(draft, { recursive: true, force: true });
    // Another run finished first: its folder is as good as ours.
    if (!isInitialised(folder)) throw error;
  }
  return folder;
}

function isInitialised(folder: string): boolean {
  return existsSync(join(folder, 'PG_VERSION'));
}

/** The version in the package.json above PGlite's entry file (dist/index.cjs). */
function pgliteVersion(entry: string): string {
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
