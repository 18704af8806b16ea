import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { databaseMigrations } from '@tessera/database';
import { kernelEntities, kernelMigrations } from '@tessera/kernel';
import type { HttpMetrics, Logger } from '@tessera/observability';
import type { ResolvedTesseraConfig } from './config/tessera-config.interface.js';
import { pluginKernelModule } from './plugins/plugin-kernel.module.js';

/** Anything a Nest module may import. */
export type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** What the framework modules are built from. */
export interface HostContext {
  config: ResolvedTesseraConfig;
  logger: Logger;
  /** The host's HTTP series; plugin units record into it through `configureHttpApp`. */
  metrics: HttpMetrics;
  /** Load only these plugins and their dependencies (tests); default: all. */
  plugins?: string[];
}

/**
 * The framework's own feature modules, mounted by CoreModule after the shared services
 * (config, observability, database, cache). This is the place for the kernel (plugin
 * loader), auth, admin and scheduler modules. A plugin unit answers like the host with
 * `configureUnitApp: (app, plugin) => configureHttpApp(app, { logger, metrics, plugin })`.
 */
export function hostModules(context: HostContext): ModuleImport[] {
  return [pluginKernelModule(context)];
}

/** Entity classes of the framework libs (plugins register theirs at run time). */
export const HOST_ENTITIES: Function[] = [...kernelEntities];

/** Migrations of the framework libs, run in order at boot. */
export const HOST_MIGRATIONS: Function[] = [...databaseMigrations, ...kernelMigrations];
