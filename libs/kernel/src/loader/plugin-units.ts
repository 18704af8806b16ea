import type { PermissionRule, PluginManifest } from '@tessera/sdk';
import { unregisterEntities } from '@tessera/database';
import type { Logger } from 'pino';
import type { PluginDispatcher } from '../dispatch/plugin-dispatcher.js';
import type { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import { activatePlugin, type ActivatedUnit, type ActivatorServices } from './plugin-activator.js';
import type { PluginRecord } from './plugin-record.js';

/**
 * The running units of plugins and the wiring of each one: building it, mounting it in the
 * dispatcher, registering its hooks and actions, telling lifecycle listeners, and undoing
 * all of that. PluginLoader decides *when* (states, dependencies, persistence); this class
 * knows *how*.
 */
export class PluginUnits {
  private readonly running = new Map<string, ActivatedUnit>();

  constructor(
    private readonly services: ActivatorServices,
    private readonly dispatcher: PluginDispatcher,
    private readonly events: PluginLifecycleEvents,
    private readonly logger: Logger,
    private readonly drainTimeoutMs: number,
  ) {}

  get(name: string): ActivatedUnit | undefined {
    return this.running.get(name);
  }

  /** Builds the plugin's unit and puts it in service. Throws, with nothing left behind, if it cannot start. */
  async start(record: PluginRecord, granted: PermissionRule[], config: Record<string, unknown>): Promise<void> {
    const activated = await activatePlugin(record.dir, record.manifest!, record.order, granted, config, this.services);
    this.running.set(record.name, activated);
    this.register(record.name, activated);
    await this.dispatcher.mount(activated.unit, this.drainTimeoutMs);
    record.unit = activated.unit;
    record.activatedAt = new Date();
    await this.events.activated(record, activated.unit, this.listenerFailed(record.name));
  }

  /** Takes the unit out of service, waits for its requests (bounded), unloads it. */
  async stop(record: PluginRecord): Promise<void> {
    this.dispatcher.unblock(record.name);
    const activated = this.running.get(record.name);
    if (!activated) return;
    this.running.delete(record.name);
    const unmounted = await this.dispatcher.unmount(record.name, this.drainTimeoutMs);
    this.unregister(record.name);
    await this.events.deactivated(record, activated.unit, this.listenerFailed(record.name));
    if (unmounted && !unmounted.drained) this.logger.warn({ plugin: record.name }, 'Closed with requests still in flight after the drain timeout');
    try {
      await activated.unit.dispose();
    } catch (error) {
      this.logger.error({ plugin: record.name, err: error }, `Plugin ${record.name} failed while unloading`);
    }
    await unregisterEntities(this.services.dataSource, activated.entities).catch(() => undefined);
    void this.services.hookBus.emit('plugin_unloaded', { plugin: record.name });
  }

  /** Builds a unit from `manifest` while the current one serves, then swaps them; a failure keeps the old one. */
  async swap(record: PluginRecord, manifest: PluginManifest, granted: PermissionRule[], config: Record<string, unknown>): Promise<void> {
    const name = record.name;
    const previous = this.running.get(name)!;
    const next = await activatePlugin(record.dir, manifest, record.order, granted, config, this.services);
    this.running.set(name, next);
    this.register(name, next);
    record.unit = next.unit;
    record.activatedAt = new Date();
    record.quarantine = undefined;
    await this.events.deactivated(record, previous.unit, this.listenerFailed(name));
    await this.events.activated(record, next.unit, this.listenerFailed(name));
    this.dispatcher.unblock(name);
    const old = await this.dispatcher.mount(next.unit, this.drainTimeoutMs);
    await old?.dispose().catch((error: unknown) => this.logger.error({ plugin: name, err: error }, 'The replaced unit failed while unloading'));
    const kept = new Set(next.entities);
    await unregisterEntities(this.services.dataSource, previous.entities.filter((entity) => !kept.has(entity))).catch(() => undefined);
  }

  /** Keeps the unit but out of traffic: requests get `reason`, hooks, actions, tasks and docs go. */
  async withdraw(record: PluginRecord, answer: { status: number; code: string; message: string }): Promise<void> {
    this.dispatcher.block(record.name, answer);
    this.unregister(record.name);
    await this.events.deactivated(record, record.unit!, this.listenerFailed(record.name));
  }

  private register(name: string, activated: ActivatedUnit): void {
    this.services.hookBus.setHandlers(name, [...activated.unit.hooks]);
    this.services.actions.setActions(name, [...activated.unit.actions]);
  }

  private unregister(name: string): void {
    this.services.hookBus.removeOwner(name);
    this.services.actions.removePlugin(name);
  }

  private listenerFailed(plugin: string): (error: unknown) => void {
    return (error) => this.logger.error({ plugin, err: error }, 'A plugin lifecycle listener failed');
  }
}
