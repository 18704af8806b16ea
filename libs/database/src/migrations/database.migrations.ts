import { CreatePluginMigrations1795297151798 } from './create-plugin-migrations.migration.js';

/**
 * The migrations of the database lib itself. `createDataSource` always runs them; listing them
 * with the other libs' migrations is harmless.
 *
 * @example
 * DatabaseModule.forRoot({ dataDir, migrations: [...databaseMigrations, ...adminMigrations] });
 */
export const databaseMigrations: Function[] = [CreatePluginMigrations1795297151798];
