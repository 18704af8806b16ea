import { TypeORMError, type DataSource, type DataSourceOptions } from 'typeorm';
import { CORE_MIGRATIONS_TABLE, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_POOL_SIZE } from './database.constants.js';
import { describeDatabase } from './database-description.js';
import type { DatabaseOptions } from './database-options.interface.js';
import { DatabaseUnavailableError } from './database-unavailable.exception.js';
import { migrationFailedMessage, pgliteUnavailableMessage, postgresUnavailableMessage } from './database-unavailable.messages.js';
import { runCoreMigrations } from './migrations/core-migrations.runner.js';
import { databaseMigrations } from './migrations/database.migrations.js';
import { openPgliteSession, type PgliteSession } from './pglite/pglite-session.js';
import { TesseraDataSource } from './tessera-data-source.js';
import { TypeormQuietLogger } from './typeorm-quiet.logger.js';

/**
 * Opens the database (PGlite in `<dataDir>/pglite` when `url` is absent, else PostgreSQL through
 * a `pg` pool) and runs the pending migrations. `destroy()` closes everything, PGlite's folder
 * lock included.
 *
 * @throws DatabaseUnavailableError with a one-line message (what, where, how to fix) when the
 * database cannot be reached or opened, or a migration fails (nothing of the failed run is kept).
 * @example
 * const dataSource = await createDataSource({ url: process.env.DATABASE_URL, dataDir: './data', entities, migrations });
 * const admins = await dataSource.getRepository(Admin).find();
 */
export async function createDataSource(options: DatabaseOptions): Promise<DataSource> {
  return (await openDatabase(options)).dataSource;
}

/**
 * Runs the pending migrations and closes the database again: what `tessera migrate` does.
 * Returns the names of the migrations it ran (empty when the schema was up to date).
 *
 * @example
 * const ran = await runMigrations({ url: process.env.DATABASE_URL, dataDir: './data', migrations });
 * console.log(ran.length > 0 ? `Ran ${ran.join(', ')}` : 'Schema up to date');
 */
export async function runMigrations(options: DatabaseOptions): Promise<string[]> {
  const { dataSource, executed } = await openDatabase(options);
  await dataSource.destroy();
  return executed;
}

async function openDatabase(options: DatabaseOptions): Promise<{ dataSource: DataSource; executed: string[] }> {
  const where = describeDatabase(options);
  const unavailable = (error: unknown) =>
    new DatabaseUnavailableError(options.url ? postgresUnavailableMessage(where, error) : pgliteUnavailableMessage(where, error), error);

  let session: PgliteSession | undefined;
  if (!options.url) {
    try {
      session = await openPgliteSession(options);
    } catch (error) {
      throw error instanceof DatabaseUnavailableError ? error : unavailable(error);
    }
  }
  const dataSource = new TesseraDataSource(dataSourceOptions(options, session), session ? 'pglite' : 'postgres', async () => session?.close());
  try {
    await dataSource.initialize();
  } catch (error) {
    await session?.close();
    // A TypeORMError here is a mistake in the entities, not an unreachable database: keep it
    // whole, its stack is what the developer needs.
    if (error instanceof TypeORMError) throw error;
    throw unavailable(error);
  }
  try {
    return { dataSource, executed: await runCoreMigrations(dataSource) };
  } catch (error) {
    await dataSource.destroy();
    throw new DatabaseUnavailableError(migrationFailedMessage(where, error), error);
  }
}

function dataSourceOptions(options: DatabaseOptions, session: PgliteSession | undefined): DataSourceOptions {
  const common = {
    type: 'postgres',
    entities: [...(options.entities ?? [])],
    migrations: [...new Set([...databaseMigrations, ...(options.migrations ?? [])])],
    migrationsTableName: CORE_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    // The default, uuid-ossp, does not exist in PGlite and TypeORM's attempt to create it
    // brought the process down; gen_random_uuid() is built into PostgreSQL 13+ and PGlite.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: options.logging ?? false,
    ...(options.logging ? {} : { logger: new TypeormQuietLogger() }),
    applicationName: 'tessera',
  } satisfies Partial<DataSourceOptions>;
  if (session) return { ...common, extra: session.poolOptions };
  return {
    ...common,
    url: options.url,
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectTimeoutMS: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  };
}
