import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CacheModule } from '@tessera/cache';
import { DatabaseModule } from '@tessera/database';
import { PluginDispatcher } from '@tessera/kernel';
import { ObservabilityModule, type HttpMetrics, type Logger } from '@tessera/observability';
import { TESSERA_CONFIG } from './config/config.constants.js';
import type { ResolvedTesseraConfig } from './config/tessera-config.interface.js';
import { DocsController } from './docs/docs.controller.js';
import { CoreReadinessChecks } from './health/core-readiness-checks.js';
import { HealthController } from './health/health.controller.js';
import { HOST_ENTITIES, HOST_MIGRATIONS, hostModules, type ModuleImport } from './host-modules.js';
import { HOST_REQUEST_ROUTERS } from './http/host-request-router.interface.js';
import { PluginDocsListener } from './plugins/plugin-docs.listener.js';
import { PluginTasksListener } from './plugins/plugin-tasks.listener.js';
import { PluginPermissionsListener } from './plugins/plugin-permissions.listener.js';
import { PluginReadinessListener } from './plugins/plugin-readiness.listener.js';
import { MetricsController } from './metrics/metrics.controller.js';

export interface CoreModuleOptions {
  config: ResolvedTesseraConfig;
  logger: Logger;
  metrics: HttpMetrics;
  /** Modules mounted after the framework's own: an application's modules, test controllers. */
  extraModules?: ModuleImport[];
  /** Load only these plugins and their dependencies; default: all in PLUGIN_DIRS. */
  plugins?: string[];
}

/**
 * The host application: configuration, logging, metrics, database, cache, the framework
 * modules (see `hostModules`) and the core endpoints (`/health`, `/health/ready`,
 * `/metrics`, `/docs`, `/docs/json`). Built by `createTesseraApp`.
 *
 * @example
 * NestFactory.create(CoreModule.forRoot({ config, logger, metrics: new HttpMetrics() }), adapter);
 */
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { config, logger, metrics } = options;
    return {
      module: CoreModule,
      // Global so the framework modules can inject TESSERA_CONFIG.
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...config })] }),
        ObservabilityModule.forRoot({ logger, metrics }),
        DatabaseModule.forRoot({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, entities: HOST_ENTITIES, migrations: HOST_MIGRATIONS }),
        CacheModule.forRoot({ redisUrl: config.redisUrl, keyPrefix: config.cacheKeyPrefix }),
        ...hostModules({ config, logger, metrics, plugins: options.plugins }),
        ...(options.extraModules ?? []),
      ],
      controllers: [HealthController, MetricsController, DocsController],
      providers: [
        { provide: TESSERA_CONFIG, useValue: config },
        // The kernel's dispatcher sees every request first and takes /plugins/<name>/...
        { provide: HOST_REQUEST_ROUTERS, useFactory: (plugins: PluginDispatcher) => [plugins], inject: [PluginDispatcher] },
        PluginDocsListener,
        PluginTasksListener,
        PluginPermissionsListener,
        PluginReadinessListener,
        CoreReadinessChecks,
      ],
      exports: [TESSERA_CONFIG, HOST_REQUEST_ROUTERS],
    };
  }
}
