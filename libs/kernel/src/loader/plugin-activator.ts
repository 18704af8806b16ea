import type { Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PermissionChecker } from '../context/permission-checker.interface.js';
import { TesseraError, type Authenticator, type PermissionRule, type PluginManifest } from '@tessera/sdk';
import type { CacheService } from '@tessera/cache';
import { registerEntities, runPluginMigrations, unregisterEntities } from '@tessera/database';
import type { Logger } from 'pino';
import { getMetadataArgsStorage, type DataSource } from 'typeorm';
import type { ActionRouter } from '../actions/action-router.js';
import { PluginConfigSchema } from '../config/plugin-config-schema.js';
import { KernelPluginContext } from '../context/kernel-plugin-context.js';
import { createPluginCache } from '../context/plugin-cache.js';
import { createPluginDatabase } from '../context/plugin-database.js';
import type { PluginLogStore } from '../context/plugin-log-store.js';
import { createPluginLogger } from '../context/plugin-logger.js';
import type { HookBus } from '../hooks/hook-bus.js';
import { PermissionSet } from '../permissions/permission-set.js';
import { buildNestPluginUnit } from '../unit/nest-plugin-unit.js';
import type { RequestObserver } from '../unit/unit-request-hooks.js';
import type { RequestTelemetry } from '@tessera/observability';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';
import { loadPluginEntry } from './plugin-entry.loader.js';

/** Shared services every unit is built with. */
export interface ActivatorServices {
  dataSource: DataSource;
  cache: CacheService;
  hookBus: HookBus;
  actions: ActionRouter;
  logs: PluginLogStore;
  logger: Logger;
  authenticator: () => Authenticator | undefined;
  configureApp?: (app: NestFastifyApplication, plugin: string) => void | Promise<void>;
  serverOptions?: Record<string, unknown>;
  observe?: RequestObserver;
  telemetry?: (plugin: string) => RequestTelemetry;
  unitProviders?: (plugin: string, permissions: PermissionChecker) => Provider[];
}

/** The live, swappable parts of a running plugin: changed by admins without a restart. */
export class PluginLiveState {
  permissions: PermissionSet;
  config: Readonly<Record<string, unknown>>;

  constructor(
    readonly schema: PluginConfigSchema,
    granted: PermissionRule[],
    stored: Record<string, unknown>,
  ) {
    this.permissions = new PermissionSet(granted);
    this.config = Object.freeze(schema.resolve(stored));
  }
}

export interface ActivatedUnit {
  unit: PluginUnit;
  live: PluginLiveState;
  entities: Function[];
}

/**
 * Turns a plugin folder into a running unit: resolves its config and permissions, imports
 * its code, registers its entities and runs its migrations, builds the unit. Anything
 * that fails undoes what was done and throws a TesseraError naming the cause.
 */
export async function activatePlugin(
  dir: string,
  manifest: PluginManifest,
  order: number,
  granted: PermissionRule[],
  storedConfig: Record<string, unknown>,
  services: ActivatorServices,
): Promise<ActivatedUnit> {
  if (manifest.execution_mode === 'sandboxed') {
    // Running it in-process would silently give it the host's heap, files and environment.
    throw new TesseraError(
      'PLUGIN_INCOMPATIBLE',
      `${manifest.name} asks for execution_mode: sandboxed, which this Tessera does not provide yet; it was not loaded. Use execution_mode: trusted only if you trust its code.`,
    );
  }
  const live = new PluginLiveState(new PluginConfigSchema(manifest.name, manifest.config), granted, storedConfig);
  const entry = await loadPluginEntry(dir, manifest);
  assertTablesScoped(manifest.name, entry.entities);
  const permissions = () => live.permissions;
  await registerEntities(services.dataSource, entry.entities);
  try {
    if (entry.migrations.length > 0) await runPluginMigrations(services.dataSource, manifest.name, entry.migrations, 'up');
    const context = new KernelPluginContext({
      name: manifest.name,
      version: manifest.version,
      env: manifest.env,
      settings: manifest.settings,
      logger: createPluginLogger(services.logger, manifest.name, services.logs),
      cache: createPluginCache(manifest.name, services.cache.namespace(manifest.name), permissions),
      db: createPluginDatabase(manifest.name, services.dataSource, entry.entities, permissions),
      hookBus: services.hookBus,
      actions: services.actions,
      permissions,
      config: () => live.config,
    });
    const unit = await buildNestPluginUnit({
      manifest,
      pluginClass: entry.pluginClass,
      context,
      order,
      authenticator: services.authenticator,
      configureApp: services.configureApp,
      serverOptions: services.serverOptions,
      providers: services.unitProviders?.(manifest.name, { can: (resource, action) => live.permissions.can(resource, action) }),
      observe: services.observe,
      telemetry: services.telemetry?.(manifest.name),
    });
    return { unit, live, entities: entry.entities };
  } catch (error) {
    await unregisterEntities(services.dataSource, entry.entities).catch(() => undefined);
    throw asStartupError(manifest.name, error);
  }
}

/** A plugin's tables are named after it (`users`, `users_sessions`) so they never collide. */
function assertTablesScoped(plugin: string, entities: Function[]): void {
  const prefix = plugin.replace(/-/g, '_');
  for (const entity of entities) {
    const table = getMetadataArgsStorage().tables.find((candidate) => candidate.target === entity)?.name ?? entity.name.toLowerCase();
    if (table !== prefix && !table.startsWith(`${prefix}_`)) {
      throw new TesseraError(
        'PLUGIN_STARTUP_FAILED',
        `${plugin}: entity ${entity.name} uses table "${table}"; a plugin's tables must be named "${prefix}" or start with "${prefix}_". Rename it with @Entity('${prefix}_...').`,
      );
    }
  }
}

function asStartupError(plugin: string, error: unknown): TesseraError {
  if (error instanceof TesseraError) return error;
  const message = (error as Error)?.message ?? String(error);
  return new TesseraError('PLUGIN_STARTUP_FAILED', `${plugin} failed to start: ${message}`);
}
