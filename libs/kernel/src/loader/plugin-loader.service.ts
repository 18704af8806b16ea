import { isTesseraError, TesseraError, type PermissionRule, type PluginManifest } from '@tessera/sdk';
import { runPluginMigrations } from '@tessera/database';
import type { Logger } from 'pino';
import { discoverPlugins } from '../discovery/plugin-discovery.js';
import { selectPlugins } from '../discovery/select-plugins.js';
import type { PluginDispatcher } from '../dispatch/plugin-dispatcher.js';
import { dependentsOf, resolveLoadOrder } from '../graph/dependency-graph.js';
import { toPluginNode } from '../graph/plugin-node.interface.js';
import { loadManifest } from '../manifest/manifest.loader.js';
import { loadPluginEntry } from './plugin-entry.loader.js';
import { checkPackages } from '../discovery/package-check.js';
import type { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import { PermissionSet } from '../permissions/permission-set.js';
import type { PluginStateStore } from '../state/plugin-state.store.js';
import type { ActivatedUnit, ActivatorServices } from './plugin-activator.js';
import { PluginUnits } from './plugin-units.js';
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
  private readonly units: PluginUnits;
  private order: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: LoaderSettings,
    private readonly services: ActivatorServices,
    private readonly store: PluginStateStore,
    dispatcher: PluginDispatcher,
    events: PluginLifecycleEvents,
    private readonly logger: Logger,
  ) {
    this.units = new PluginUnits(services, dispatcher, events, logger, settings.drainTimeoutMs);
  }

  list(): PluginRecord[] {
    return [...this.records.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): PluginRecord | undefined {
    return this.records.get(name);
  }

  /** The live config and permissions of an active plugin (admin changes go here). */
  live(name: string): ActivatedUnit['live'] | undefined {
    return this.units.get(name)?.live;
  }

  /** Discovers every plugin folder and activates the enabled ones in dependency order. */
  boot(): Promise<void> {
    return this.serialised(async () => {
      const discovered = selectPlugins(discoverPlugins(this.settings.pluginDirs), this.settings.include);
      for (const found of discovered) {
        const folderName = found.manifest?.name ?? found.dir.split(/[\\/]/).pop()!;
        // A duplicate keeps its own record (keyed by its folder too) so both show up in error.
        const name = this.records.has(folderName) ? `${folderName} (${found.dir})` : folderName;
        const record: PluginRecord = { name, dir: found.dir, manifest: found.manifest, warnings: found.warnings, state: 'loading', order: -1 };
        if (found.error) this.fail(record, found.error);
        for (const warning of found.warnings) this.logger.warn({ plugin: name }, warning);
        this.records.set(name, record);
      }
      await this.markMissing();
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
        if (this.units.get(name)) await this.deactivate(this.records.get(name)!, 'inactive');
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
      if (!this.units.get(name) || !record.manifest) {
        throw new TesseraError('PLUGIN_NOT_FOUND', `Plugin "${name}" is not active; enable it instead of restarting it.`);
      }
      await this.swapUnit(record, record.manifest);
      this.logger.info({ plugin: name }, `Plugin ${name} restarted`);
      return { plugin: name, state: record.state, cascaded: [] };
    });
  }

  /**
   * Reads the plugin's folder again (its files were replaced by an update) and swaps in a
   * unit built from it, like a restart. If the new version cannot start, the old unit keeps
   * serving with the old manifest and the error is thrown: the caller restores the files.
   */
  reload(name: string): Promise<ChangeResult> {
    return this.serialised(async () => {
      const record = this.require(name);
      const { manifest, warnings } = loadManifest(record.dir);
      if (manifest.name !== name) {
        throw new TesseraError('PLUGIN_INSTALLATION_FAILED', `The new version is named "${manifest.name}", not "${name}".`);
      }
      this.assertPlaceable(manifest);
      if (this.units.get(name)) await this.swapUnit(record, manifest);
      record.manifest = manifest;
      record.warnings = warnings;
      await this.store.ensure(manifest);
      return { plugin: name, state: record.state, cascaded: [] };
    });
  }

  /**
   * Adds a plugin folder (already in place under a plugin directory) and activates it.
   * Nothing is kept when it cannot start: no record, no state row.
   */
  install(dir: string): Promise<PluginRecord> {
    return this.serialised(async () => {
      const { manifest, warnings } = loadManifest(dir);
      if (this.records.has(manifest.name)) {
        throw new TesseraError('PLUGIN_ALREADY_INSTALLED', `A plugin named "${manifest.name}" is already installed. Update it instead.`);
      }
      this.assertPlaceable(manifest);
      const record: PluginRecord = { name: manifest.name, dir, manifest, warnings, state: 'loading', order: this.order.length };
      this.records.set(record.name, record);
      this.order.push(record.name);
      const existing = await this.store.get(record.name);
      const row = await this.store.ensure(manifest);
      await this.activate(record, row.granted, row.config);
      if (record.state !== 'active') {
        this.records.delete(record.name);
        this.order = this.order.filter((other) => other !== record.name);
        if (!existing) await this.store.remove(record.name);
        throw new TesseraError('PLUGIN_STARTUP_FAILED', record.error!.message, { code: record.error!.code });
      }
      return record;
    });
  }

  /**
   * Unloads a plugin and forgets it: its state row goes, and with `cleanupData` its tables
   * (down migrations) and cache namespace too. Refuses while other installed plugins depend
   * on it, unless `force` (they are disabled first). The caller removes the folder.
   */
  uninstall(name: string, options: { force?: boolean; cleanupData?: boolean } = {}): Promise<ChangeResult> {
    return this.serialised(async () => {
      const record = this.require(name);
      const dependents = this.dependentsOf(name);
      if (dependents.length > 0 && !options.force) {
        throw new TesseraError(
          'PLUGIN_DEPENDENCY_ERROR',
          `${name} cannot be uninstalled: ${dependents.join(', ')} depend on it. Uninstall them first, or pass force to disable them.`,
          { dependents },
        );
      }
      const cascaded: string[] = [];
      for (const dependent of dependents) {
        const dependentRecord = this.records.get(dependent)!;
        if (dependentRecord.state !== 'active') continue;
        dependentRecord.disabledReason = `its dependency "${name}" was uninstalled`;
        await this.store.update(dependent, { enabled: false, disabledReason: dependentRecord.disabledReason });
        await this.deactivate(dependentRecord, 'inactive');
        cascaded.push(dependent);
      }
      await this.deactivate(record, 'inactive');
      if (options.cleanupData && record.manifest) {
        const entry = await loadPluginEntry(record.dir, record.manifest);
        if (entry.migrations.length > 0) await runPluginMigrations(this.services.dataSource, name, entry.migrations, 'down');
        await this.services.cache.namespace(name).clear();
        this.services.logs.clear(name);
      }
      await this.store.remove(name);
      this.records.delete(name);
      this.order = this.order.filter((other) => other !== name);
      this.logger.info({ plugin: name }, `Plugin ${name} uninstalled${options.cleanupData ? ' with its data' : ''}`);
      return { plugin: name, state: 'inactive', cascaded };
    });
  }

  /**
   * Stops routing to a misbehaving plugin (503 PLUGIN_QUARANTINED) and takes its hooks and
   * actions out, keeping its unit for inspection. A restart (or disable + enable) lifts it.
   */
  quarantine(name: string, reason: string): Promise<boolean> {
    return this.serialised(async () => {
      const record = this.records.get(name);
      if (!record || record.state !== 'active' || record.quarantine) return false;
      record.quarantine = { since: new Date(), reason };
      // Its tasks and docs go too (listeners); a restart brings them back with the new unit.
      await this.units.withdraw(record, { status: 503, code: 'PLUGIN_QUARANTINED', message: `Plugin "${name}" is quarantined: ${reason}. An admin can restart it.` });
      this.logger.error({ plugin: name }, `Plugin ${name} quarantined: ${reason}`);
      void this.services.hookBus.emit('plugin_quarantined', { plugin: name, reason });
      return true;
    });
  }

  /** Builds a unit from `manifest` while the current one serves, then swaps them. */
  private async swapUnit(record: PluginRecord, manifest: PluginManifest): Promise<void> {
    const row = await this.store.ensure(manifest);
    await this.units.swap(record, manifest, row.granted, row.config);
  }

  /** A manifest's dependencies are active and compatible, and the framework satisfies it. */
  private assertPlaceable(manifest: PluginManifest): void {
    const others = [...this.records.values()].filter((record) => record.manifest && record.name !== manifest.name && record.state === 'active');
    const { failures } = resolveLoadOrder(
      [...others, { name: manifest.name, manifest }].map((record) => toPluginNode(record.manifest!)),
      this.settings.frameworkVersion,
    );
    const failure = failures.get(manifest.name);
    if (failure) throw failure;
  }

  private require(name: string): PluginRecord {
    const record = this.records.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed.`);
    return record;
  }

  /** A plugin the database records as installed and enabled whose folder is gone is `error`, not a crash. */
  private async markMissing(): Promise<void> {
    if (this.settings.include) return;
    for (const row of await this.store.all()) {
      if (this.records.has(row.name) || !row.enabled) continue;
      const record: PluginRecord = { name: row.name, dir: '', warnings: [], state: 'loading', order: -1 };
      this.records.set(row.name, record);
      this.fail(
        record,
        new TesseraError(
          'PLUGIN_NOT_FOUND',
          `Plugin "${row.name}" ${row.version} is recorded as installed and enabled, but no folder with its plugin.yaml is in ${this.settings.pluginDirs.join(', ')}. Put it back, or uninstall it.`,
        ),
      );
    }
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
      await this.units.start(record, granted, config);
      record.state = 'active';
      await this.store.update(record.name, { lastError: null });
      this.logger.info({ plugin: record.name, version: manifest.version }, `Plugin ${record.name} ${manifest.version} is active`);
      void this.services.hookBus.emit('plugin_loaded', { plugin: record.name, version: manifest.version });
    } catch (error) {
      this.fail(record, error);
      await this.store.update(record.name, { lastError: record.error!.message }).catch(() => undefined);
    }
  }

  private async deactivate(record: PluginRecord, state: 'inactive' | 'error'): Promise<void> {
    record.state = state;
    record.unit = undefined;
    record.quarantine = undefined;
    await this.units.stop(record);
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
    return this.units.get(name)?.live.permissions;
  }
}
