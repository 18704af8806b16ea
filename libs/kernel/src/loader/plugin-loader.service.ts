import { isTesseraError, TesseraError, type PermissionRule } from '@tessera/sdk';
import { unregisterEntities } from '@tessera/database';
import type { Logger } from 'pino';
import { discoverPlugins } from '../discovery/plugin-discovery.js';
import { selectPlugins } from '../discovery/select-plugins.js';
import type { PluginDispatcher } from '../dispatch/plugin-dispatcher.js';
import { dependentsOf, resolveLoadOrder } from '../graph/dependency-graph.js';
import { checkPackages } from '../discovery/package-check.js';
import type { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import { PermissionSet } from '../permissions/permission-set.js';
import type { PluginStateStore } from '../state/plugin-state.store.js';
import { activatePlugin, type ActivatedUnit, type ActivatorServices } from './plugin-activator.js';
import type { PluginFailure, PluginRecord } from './plugin-record.js';

export interface LoaderSettings {
  pluginDirs: string[];
  include?: string[];
  frameworkVersion: string;
  /** Longest wait for a plugin's in-flight requests when it is disabled or replaced. */
  drainTimeoutMs: number;
}

/** What a change did, for the admin API's answer. */
export interface ChangeResult {
  plugin: string;
  state: PluginRecord['state'];
  /** Dependents disabled (or restarted) along with it. */
  cascaded: string[];
}

/**
 * The PluginLoader: discovers plugins, orders them, and activates or deactivates each one
 * as its own unit. Changes to one plugin are serialised (one at a time per process) and
 * never touch the units of unrelated plugins.
 */
export class PluginLoader {
  private readonly records = new Map<string, PluginRecord>();
  private readonly running = new Map<string, ActivatedUnit>();
  private order: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: LoaderSettings,
    private readonly services: ActivatorServices,
    private readonly store: PluginStateStore,
    private readonly dispatcher: PluginDispatcher,
    private readonly events: PluginLifecycleEvents,
    private readonly logger: Logger,
  ) {}

  list(): PluginRecord[] {
    return [...this.records.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): PluginRecord | undefined {
    return this.records.get(name);
  }

  /** The live config and permissions of an active plugin (admin changes go here). */
  live(name: string): ActivatedUnit['live'] | undefined {
    return this.running.get(name)?.live;
  }

  /** Discovers every plugin folder and activates the enabled ones in dependency order. */
  boot(): Promise<void> {
    return this.serialised(async () => {
      const discovered = selectPlugins(discoverPlugins(this.settings.pluginDirs), this.settings.include);
      for (const found of discovered) {
        const name = found.manifest?.name ?? found.dir.split(/[\\/]/).pop()!;
        const record: PluginRecord = { name, dir: found.dir, manifest: found.manifest, warnings: found.warnings, state: 'loading', order: -1 };
        if (found.error) this.fail(record, found.error);
        for (const warning of found.warnings) this.logger.warn({ plugin: name }, warning);
        this.records.set(name, record);
      }
      await this.reorder();
      for (const name of this.order) {
        const record = this.records.get(name)!;
        if (record.state === 'error') continue;
        const row = await this.store.ensure(record.manifest!);
        if (!row.enabled) {
          record.state = 'inactive';
          record.disabledReason = row.disabledReason ?? undefined;
          continue;
        }
        await this.activate(record, row.granted, row.config);
      }
      const active = this.list().filter((record) => record.state === 'active').length;
      this.logger.info(`Plugins: ${active} active of ${this.records.size} found in ${this.settings.pluginDirs.join(', ')}`);
    });
  }

  /** Deactivates every plugin, dependents first (process shutdown; nothing is persisted). */
  shutdown(): Promise<void> {
    return this.serialised(async () => {
      for (const name of [...this.order].reverse()) {
        if (this.running.has(name)) await this.deactivate(this.records.get(name)!, 'inactive');
      }
    });
  }

  /** Activates a disabled (or failed) plugin and records it as enabled. */
  enable(name: string): Promise<ChangeResult> {
    return this.serialised(async () => {
      const record = this.require(name);
      if (record.state === 'active') return { plugin: name, state: record.state, cascaded: [] };
      if (!record.manifest) throw new TesseraError('PLUGIN_STARTUP_FAILED', `${name} cannot start: ${record.error?.message}`);
      const row = await this.store.ensure(record.manifest);
      await this.store.update(name, { enabled: true, disabledReason: null });
      record.disabledReason = undefined;
      await this.activate(record, row.granted, row.config);
      if ((record.state as PluginRecord['state']) !== 'active') throw new TesseraError('PLUGIN_STARTUP_FAILED', record.error!.message, { code: record.error!.code });
      return { plugin: name, state: record.state, cascaded: [] };
    });
  }

  /**
   * Stops routing to the plugin, waits for its in-flight requests, unloads it, and records
   * it as disabled. Active dependents are disabled first, and listed in the answer.
   */
  disable(name: string, reason?: string): Promise<ChangeResult> {
    return this.serialised(async () => {
      const record = this.require(name);
      const cascaded = this.dependentsOf(name).filter((dependent) => this.records.get(dependent)?.state === 'active');
      for (const dependent of cascaded) {
        const dependentRecord = this.records.get(dependent)!;
        dependentRecord.disabledReason = `its dependency "${name}" was disabled`;
        await this.store.update(dependent, { enabled: false, disabledReason: dependentRecord.disabledReason });
        await this.deactivate(dependentRecord, 'inactive');
      }
      record.disabledReason = reason;
      await this.store.update(name, { enabled: false, disabledReason: reason ?? null });
      await this.deactivate(record, 'inactive');
      return { plugin: name, state: record.state, cascaded };
    });
  }

  /**
   * Replaces the plugin's unit with a fresh one built from the code now on disk. The old
   * unit serves until the new one is ready, then finishes its own requests and is closed:
   * no request fails. If the new unit cannot start, the old one keeps serving.
   */
  restart(name: string): Promise<ChangeResult> {
    return this.serialised(async () => {
      const record = this.require(name);
      const previous = this.running.get(name);
      if (!previous || !record.manifest) throw new TesseraError('PLUGIN_NOT_FOUND', `Plugin "${name}" is not active; enable it instead of restarting it.`);
      const row = await this.store.ensure(record.manifest);
      const next = await activatePlugin(record.dir, record.manifest, record.order, row.granted, row.config, this.services);
      this.running.set(name, next);
      this.services.hookBus.setHandlers(name, [...next.unit.hooks]);
      this.services.actions.setActions(name, [...next.unit.actions]);
      record.unit = next.unit;
      record.activatedAt = new Date();
      const onListenerError = (error: unknown) => this.logger.error({ plugin: name, err: error }, 'A plugin lifecycle listener failed');
      await this.events.deactivated(record, previous.unit, onListenerError);
      await this.events.activated(record, next.unit, onListenerError);
      const old = await this.dispatcher.mount(next.unit, this.settings.drainTimeoutMs);
      await old?.dispose().catch((error: unknown) => this.logger.error({ plugin: name, err: error }, 'The replaced unit failed while unloading'));
      const kept = new Set(next.entities);
      await unregisterEntities(this.services.dataSource, previous.entities.filter((entity) => !kept.has(entity))).catch(() => undefined);
      this.logger.info({ plugin: name }, `Plugin ${name} restarted`);
      return { plugin: name, state: record.state, cascaded: [] };
    });
  }

  private require(name: string): PluginRecord {
    const record = this.records.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed.`);
    return record;
  }

  /** Orders the known plugins; marks dependency and compatibility failures. */
  private async reorder(): Promise<void> {
    const candidates = [...this.records.values()].filter((record) => record.manifest && record.state !== 'error');
    const { order, failures } = resolveLoadOrder(
      candidates.map((record) => ({
        name: record.name,
        version: record.manifest!.version,
        dependencies: record.manifest!.dependencies.plugins,
        frameworkVersion: record.manifest!.framework_version,
      })),
      this.settings.frameworkVersion,
    );
    for (const [name, error] of failures) this.fail(this.records.get(name)!, error);
    this.order = order;
    order.forEach((name, index) => (this.records.get(name)!.order = index));
  }

  private async activate(record: PluginRecord, granted: PermissionRule[], config: Record<string, unknown>): Promise<void> {
    const manifest = record.manifest!;
    record.state = 'loading';
    record.error = undefined;
    try {
      const missingDependency = Object.keys(manifest.dependencies.plugins).find((dependency) => this.records.get(dependency)?.state !== 'active');
      if (missingDependency) {
        throw new TesseraError('PLUGIN_DEPENDENCY_ERROR', `${record.name} needs plugin "${missingDependency}", which is not active. Enable it first.`);
      }
      const packageError = checkPackages(record.dir, manifest.dependencies.packages);
      if (packageError) throw packageError;
      const activated = await activatePlugin(record.dir, manifest, record.order, granted, config, this.services);
      this.running.set(record.name, activated);
      this.services.hookBus.setHandlers(record.name, [...activated.unit.hooks]);
      this.services.actions.setActions(record.name, [...activated.unit.actions]);
      await this.dispatcher.mount(activated.unit, this.settings.drainTimeoutMs);
      record.unit = activated.unit;
      record.state = 'active';
      record.activatedAt = new Date();
      await this.events.activated(record, activated.unit, (error) => this.logger.error({ plugin: record.name, err: error }, 'A plugin lifecycle listener failed'));
      await this.store.update(record.name, { lastError: null });
      this.logger.info({ plugin: record.name, version: manifest.version }, `Plugin ${record.name} ${manifest.version} is active`);
      void this.services.hookBus.emit('plugin_loaded', { plugin: record.name, version: manifest.version });
    } catch (error) {
      this.fail(record, error);
      await this.store.update(record.name, { lastError: record.error!.message }).catch(() => undefined);
    }
  }

  private async deactivate(record: PluginRecord, state: 'inactive' | 'error'): Promise<void> {
    const activated = this.running.get(record.name);
    record.state = state;
    record.unit = undefined;
    if (!activated) return;
    this.running.delete(record.name);
    const unmounted = await this.dispatcher.unmount(record.name, this.settings.drainTimeoutMs);
    this.services.hookBus.removeOwner(record.name);
    this.services.actions.removePlugin(record.name);
    await this.events.deactivated(record, activated.unit, (error) => this.logger.error({ plugin: record.name, err: error }, 'A plugin lifecycle listener failed'));
    if (unmounted && !unmounted.drained) this.logger.warn({ plugin: record.name }, 'Closed with requests still in flight after the drain timeout');
    try {
      await activated.unit.dispose();
    } catch (error) {
      this.logger.error({ plugin: record.name, err: error }, `Plugin ${record.name} failed while unloading`);
    }
    await unregisterEntities(this.services.dataSource, activated.entities).catch(() => undefined);
    void this.services.hookBus.emit('plugin_unloaded', { plugin: record.name });
  }

  /** Plugins that depend on `name` (transitively), dependents last-loaded first. */
  dependentsOf(name: string): string[] {
    return dependentsOf(
      name,
      [...this.records.values()].filter((record) => record.manifest).map((record) => ({ name: record.name, dependencies: record.manifest!.dependencies.plugins })),
    );
  }

  private fail(record: PluginRecord, error: unknown): void {
    const failure: PluginFailure = isTesseraError(error)
      ? { code: error.code, message: error.message }
      : { code: 'PLUGIN_STARTUP_FAILED', message: (error as Error)?.message ?? String(error) };
    record.state = 'error';
    record.error = failure;
    this.logger.error({ plugin: record.name, code: failure.code }, failure.message);
    void this.services.hookBus.emit('plugin_error', { plugin: record.name, ...failure });
  }

  /** Runs changes one after another, so two admins cannot interleave on the same plugin set. */
  protected serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** For subclasses and the admin API: the permission set an active plugin is held to. */
  permissionsOf(name: string): PermissionSet | undefined {
    return this.running.get(name)?.live.permissions;
  }
}
