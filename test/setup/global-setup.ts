// Imports the database lib's source, not its dist: the global setup must work before the
// first build, and these two helpers are plain Node code with no Nest or TypeORM in them.
import { dropStaleTestDatabases } from '../../libs/database/src/testing/create-test-database.js';
import { PGLITE_TEMPLATE_ENV, preparePgliteTemplate } from '../../libs/database/src/testing/pglite-template.js';

/**
 * Vitest global setup: makes (or finds) the initialised PGlite folder that `createTestDatabase`
 * copies, and tells the test processes where it is. Vitest starts its worker processes after
 * this runs, and they inherit this environment.
 */
export default async function setup(): Promise<void> {
  process.env[PGLITE_TEMPLATE_ENV] = await preparePgliteTemplate();
  if (process.env.DATABASE_URL) await dropStaleTestDatabases(process.env.DATABASE_URL);
}
