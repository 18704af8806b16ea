import { Global, Inject, Module, type DynamicModule, type ModuleMetadata, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATABASE_OPTIONS } from './database.constants.js';
import type { DatabaseOptions } from './database-options.interface.js';
import { createDataSource } from './data-source.factory.js';

/** Options of `DatabaseModule.forRootAsync`: the options come from a factory (e.g. a config service). */
export interface DatabaseModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: any[]) => DatabaseOptions | Promise<DatabaseOptions>;
}

const dataSourceProvider: Provider = {
  provide: DataSource,
  useFactory: (options: DatabaseOptions) => createDataSource(options),
  inject: [DATABASE_OPTIONS],
};

/**
 * The process's one database, for the whole application: inject TypeORM's `DataSource` (open,
 * migrations run) or `DATABASE_OPTIONS` anywhere. It is closed at application shutdown, which
 * also releases PGlite's folder lock.
 *
 * @example
 * @Module({
 *   imports: [
 *     DatabaseModule.forRoot({
 *       url: process.env.DATABASE_URL,
 *       dataDir: process.env.DATA_DIR ?? './data',
 *       entities: [...adminEntities],
 *       migrations: [...databaseMigrations, ...adminMigrations],
 *     }),
 *   ],
 * })
 * export class AppModule {}
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return DatabaseModule.withOptions([], { provide: DATABASE_OPTIONS, useValue: options });
  }

  /**
   * @example
   * DatabaseModule.forRootAsync({
   *   inject: [CONFIG],
   *   useFactory: (config: Config) => ({ url: config.databaseUrl, dataDir: config.dataDir, entities, migrations }),
   * });
   */
  static forRootAsync(options: DatabaseModuleAsyncOptions): DynamicModule {
    return DatabaseModule.withOptions(options.imports ?? [], {
      provide: DATABASE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    });
  }

  private static withOptions(imports: NonNullable<ModuleMetadata['imports']>, optionsProvider: Provider): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports,
      providers: [optionsProvider, dataSourceProvider],
      exports: [DATABASE_OPTIONS, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
