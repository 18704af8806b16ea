import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGLITE_FOLDER } from '../database.constants.js';
import type { DatabaseOptions } from '../database-options.interface.js';
import { preparePgliteTemplate } from './pglite-template.js';

/** A database of one's own for one test file. */
export interface TestDatabase {
  /** A fresh temporary folder (always set); with PGlite it holds the database in `pglite/`. */
  dataDir: string;
  /** Set when the tests run against PostgreSQL (`DATABASE_URL`): a database made for this test. */
  databaseUrl?: string;
  /** `{ url: databaseUrl, dataDir }`, to spread into `createDataSource` / `DatabaseModule.forRoot`. */
  options: DatabaseOptions;
  /** Drops the database and deletes `dataDir`. Destroy the DataSource first. */
  cleanup(): Promise<void>;
}

const TEST_DATABASE_PREFIX = 'tessera_test_';
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a throw-away database: with `DATABASE_URL` set, a new PostgreSQL database with a random
 * name on that server (test files running in parallel never share tables); otherwise a copy of
 * the initialised PGlite template in a new temporary `dataDir`.
 *
 * @example
 * let db: TestDatabase;
 * let dataSource: DataSource;
 * beforeAll(async () => {
 *   db = await createTestDatabase();
 *   dataSource = await createDataSource({ ...db.options, entities, migrations });
 * });
 * afterAll(async () => {
 *   await dataSource?.destroy();
 *   await db?.cleanup();
 * });
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await scratchFolder();
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      await cp(await preparePgliteTemplate(), join(dataDir, PGLITE_FOLDER), { recursive: true });
      return { dataDir, options: { dataDir }, cleanup: removeDataDir };
    }
    const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl, `CREATE DATABASE "${name}"`);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${name}`;
    return {
      dataDir,
      databaseUrl: databaseUrl.toString(),
      options: { url: databaseUrl.toString(), dataDir },
      async cleanup() {
        await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await removeDataDir();
      },
    };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

/**
 * A new empty folder for one test. Linux's RAM-backed /dev/shm first: copying and deleting
 * PGlite's ~1000 files took ~1 s each way on a virtual disk here, ~0.1 s in /dev/shm.
 */
async function scratchFolder(): Promise<string> {
  try {
    return await mkdtemp('/dev/shm/tessera-test-');
  } catch {
    return mkdtemp(join(tmpdir(), 'tessera-test-'));
  }
}

/**
 * Drops the test databases that crashed runs left on the server, once they are a day old (a
 * live run's databases are minutes old at most).
 */
export async function dropStaleTestDatabases(serverUrl: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [TEST_DATABASE_PREFIX]);
    for (const { datname } of rows) {
      const created = Number.parseInt(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0] ?? '', 36);
      if (Date.now() - created > STALE_AFTER_MS) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

function onServer(serverUrl: string, sql: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    await client.query(sql);
  });
}

async function withClient(serverUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
