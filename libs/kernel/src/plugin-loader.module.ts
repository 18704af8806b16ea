import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type FactoryProvider,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AUTHENTICATOR, type Authenticator } from '@tessera/sdk';
import { CacheService } from '@tessera/cache';
import { configureHttpApp, RequestTelemetry } from '@tessera/observability';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { ActionRouter } from './actions/action-router.js';
import { PluginLogStore } from './context/plugin-log-store.js';
import { PluginDispatcher } from './dispatch/plugin-dispatcher.js';
import { describeUnavailable } from './dispatch/unavailable-answer.js';
import { HookBus } from './hooks/hook-bus.js';
import { DEFAULT_DRAIN_TIMEOUT_MS, FRAMEWORK_VERSION, PLUGIN_LOADER_OPTIONS } from './kernel.constants.js';
import { PluginLifecycleEvents } from './lifecycle/plugin-lifecycle-events.js';
import { PluginLoader } from './loader/plugin-loader.service.js';
import type { PluginLoaderModuleOptions } from './plugin-loader-options.interface.js';
import { PluginStateStore } from './state/plugin-state.store.js';
import { PluginActivity } from './activity/plugin-activity.js';
import { PluginSettings } from './loader/plugin-settings.service.js';
import { PACKAGING_EXPORTS, PACKAGING_PROVIDERS } from './packaging/packaging.providers.js';
import { PluginMetricsStore } from './observability/plugin-metrics.store.js';
import { PluginHealthService } from './observability/plugin-health.service.js';
import { QuarantineMonitor } from './observability/quarantine-monitor.js';

/** Boots the plugins when the host app starts and unloads them when it stops. */
@Injectable()
class PluginLoaderLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(PluginLoader) private readonly loader: PluginLoader) {}

  onApplicationBootstrap(): Promise<void> {
    return this.loader.boot();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loader.shutdown();
  }
}

export interface PluginLoaderModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: any[]) => PluginLoaderModuleOptions | Promise<PluginLoaderModuleOptions>;
}

/**
 * The PluginLoader as a Nest module: import it into any Nest app on Fastify (ours, or an
 * enterprise team's own backend) to discover and serve plugins. Needs a global
 * TypeORM DataSource and CacheService (DatabaseModule and CacheModule provide them).
 *
 * @example
 * @Module({ imports: [DatabaseModule.forRoot(db), CacheModule.forRoot({}), PluginLoaderModule.forRoot({ pluginDirs: ['./plugins'] })] })
 * export class AppModule {}
 */
@Module({})
export class PluginLoaderModule {
  static forRoot(options: PluginLoaderModuleOptions): DynamicModule {
    return PluginLoaderModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: PluginLoaderModuleAsyncOptions): DynamicModule {
    return {
      module: PluginLoaderModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: PLUGIN_LOADER_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: HookBus, useFactory: () => new HookBus() },
        { provide: ActionRouter, useFactory: () => new ActionRouter() },
        { provide: PluginLogStore, useFactory: () => new PluginLogStore() },
        { provide: PluginActivity, useFactory: () => new PluginActivity() },
        { provide: PluginSettings, useFactory: (loader: PluginLoader, store: PluginStateStore) => new PluginSettings(loader, store), inject: [PluginLoader, PluginStateStore] },
        { provide: PluginLifecycleEvents, useFactory: () => new PluginLifecycleEvents() },
        { provide: PluginStateStore, useFactory: (dataSource: DataSource) => new PluginStateStore(dataSource), inject: [DataSource] },
        {
          provide: PluginDispatcher,
          useFactory: (moduleRef: ModuleRef) => new PluginDispatcher((name) => describeUnavailable(name, moduleRef.get(PluginLoader, { strict: false }).get(name))),
          inject: [ModuleRef],
        },
        {
          provide: PluginLoader,
          useFactory: (
            moduleOptions: PluginLoaderModuleOptions,
            dataSource: DataSource,
            cache: CacheService,
            hookBus: HookBus,
            actions: ActionRouter,
            logs: PluginLogStore,
            events: PluginLifecycleEvents,
            store: PluginStateStore,
            dispatcher: PluginDispatcher,
            moduleRef: ModuleRef,
            activity: PluginActivity,
          ) => {
            const logger = moduleOptions.logger ?? pino({ name: 'tessera' });
            let authenticator: Authenticator | undefined | null = null;
            const resolveAuthenticator = () => {
              if (authenticator === null) {
                try {
                  authenticator = moduleRef.get<Authenticator>(AUTHENTICATOR, { strict: false });
                } catch {
                  authenticator = undefined;
                }
              }
              return authenticator;
            };
            hookBus.onHandlerError((handler, error) => {
              const message = (error as Error)?.message ?? String(error);
              logger.error({ plugin: handler.owner, hook: handler.hook, err: error }, `Hook handler failed: ${message}`);
              logs.append(handler.owner, { time: new Date().toISOString(), level: 'error', message: `Hook ${handler.hook} failed: ${message}` });
              activity.failure({ plugin: handler.owner, source: 'hook', message: `Hook ${handler.hook} failed: ${message}`, at: Date.now() });
              if (handler.hook !== 'plugin_error') void hookBus.emit('plugin_error', { plugin: handler.owner, hook: handler.hook, message });
            });
            actions.onFailure((plugin, message) => {
              logs.append(plugin, { time: new Date().toISOString(), level: 'error', message });
              activity.failure({ plugin, source: 'action', message, at: Date.now() });
            });
            const observe = (plugin: string, method: string, route: string, status: number, seconds: number) => {
              activity.request({ plugin, method, route, status, seconds, at: Date.now() });
              moduleOptions.observe?.(plugin, method, route, status, seconds);
            };
            return new PluginLoader(
              {
                pluginDirs: moduleOptions.pluginDirs,
                include: moduleOptions.include,
                frameworkVersion: moduleOptions.frameworkVersion ?? FRAMEWORK_VERSION,
                drainTimeoutMs: moduleOptions.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
              },
              {
                dataSource,
                cache,
                hookBus,
                actions,
                logs,
                logger,
                authenticator: resolveAuthenticator,
                // Without the host's own set-up, units still answer with Tessera's envelope and validation.
                configureApp: moduleOptions.configureUnitApp ?? ((app, plugin) => configureHttpApp(app, { logger, plugin, requestHooks: false })),
                telemetry: moduleOptions.unitTelemetry ?? ((plugin) => new RequestTelemetry({ logger, plugin })),
                serverOptions: moduleOptions.unitServerOptions,
                unitProviders: moduleOptions.unitProviders,
                observe,
              },
              store,
              dispatcher,
              events,
              logger,
            );
          },
          inject: [PLUGIN_LOADER_OPTIONS, DataSource, CacheService, HookBus, ActionRouter, PluginLogStore, PluginLifecycleEvents, PluginStateStore, PluginDispatcher, ModuleRef, PluginActivity],
        },
        {
          provide: PluginMetricsStore,
          useFactory: (moduleOptions: PluginLoaderModuleOptions, activity: PluginActivity) => {
            const metrics = new PluginMetricsStore({ retentionHours: moduleOptions.observability?.metricsRetentionHours });
            activity.onRequest((sample) => metrics.record(sample));
            return metrics;
          },
          inject: [PLUGIN_LOADER_OPTIONS, PluginActivity],
        },
        {
          provide: PluginHealthService,
          useFactory: (moduleOptions: PluginLoaderModuleOptions, loader: PluginLoader, activity: PluginActivity, events: PluginLifecycleEvents) =>
            new PluginHealthService(loader, activity, events, {
              checkTimeoutMs: moduleOptions.observability?.healthCheckTimeoutMs,
              degradedErrorRate: moduleOptions.observability?.degradedErrorRate,
            }),
          inject: [PLUGIN_LOADER_OPTIONS, PluginLoader, PluginActivity, PluginLifecycleEvents],
        },
        {
          provide: QuarantineMonitor,
          useFactory: (moduleOptions: PluginLoaderModuleOptions, loader: PluginLoader, activity: PluginActivity, events: PluginLifecycleEvents, logs: PluginLogStore) =>
            new QuarantineMonitor(loader, activity, events, logs, moduleOptions.logger ?? pino({ name: 'tessera' }), moduleOptions.quarantine),
          inject: [PLUGIN_LOADER_OPTIONS, PluginLoader, PluginActivity, PluginLifecycleEvents, PluginLogStore],
        },
        PluginLoaderLifecycle,
        ...PACKAGING_PROVIDERS,
      ],
      exports: [HookBus, ActionRouter, PluginLogStore, PluginLifecycleEvents, PluginDispatcher, PluginLoader, PluginStateStore, PluginActivity, PluginSettings, PluginMetricsStore, PluginHealthService, QuarantineMonitor, ...PACKAGING_EXPORTS],
    };
  }
}
