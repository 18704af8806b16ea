import type { DatabaseOptions } from '@tessera/database';
import type { DataSource } from 'typeorm';

/**
 * The database the server would use, read exactly as the server reads it: `loadConfig` of the
 * environment plus `withDevelopmentSecrets`, so a command refuses the configuration the server
 * would refuse (production without secrets included) instead of touching a database the server
 * then cannot start on. Entities and migrations are the host's (every framework lib); a
 * plugin's own migrations run when the plugin loads.
 */
export async function hostDatabaseOptions(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseOptions> {
  // Loaded on use: importing the host costs seconds that `--help` and `plugin new` need not pay.
  const { HOST_ENTITIES, HOST_MIGRATIONS, loadConfig, withDevelopmentSecrets } = await import('@tessera/core');
  const { config } = withDevelopmentSecrets(loadConfig(env));
  return { url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, entities: HOST_ENTITIES, migrations: HOST_MIGRATIONS };
}

/**
 * Opens the host database (running its pending migrations, as a boot does), hands it to
 * `work` and closes it again, also when `work` throws.
 */
export async function withHostDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const { createDataSource } = await import('@tessera/database');
  const dataSource = await createDataSource(await hostDatabaseOptions());
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
