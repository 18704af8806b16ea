import type { PluginRecord } from '../loader/plugin-record.js';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';

/**
 * Something that follows plugins coming and going: the scheduler (tasks), the OpenAPI
 * registry (docs), the permission catalogue. Listener errors are logged, never fatal.
 */
export interface PluginLifecycleListener {
  activated?(record: PluginRecord, unit: PluginUnit): void | Promise<void>;
  deactivated?(record: PluginRecord, unit: PluginUnit): void | Promise<void>;
}

/** The kernel's list of lifecycle listeners; other libs subscribe in their onModuleInit. */
export class PluginLifecycleEvents {
  private readonly listeners = new Set<PluginLifecycleListener>();

  subscribe(listener: PluginLifecycleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async activated(record: PluginRecord, unit: PluginUnit, onError: (error: unknown) => void): Promise<void> {
    for (const listener of this.listeners) await Promise.resolve(listener.activated?.(record, unit)).catch(onError);
  }

  async deactivated(record: PluginRecord, unit: PluginUnit, onError: (error: unknown) => void): Promise<void> {
    for (const listener of this.listeners) await Promise.resolve(listener.deactivated?.(record, unit)).catch(onError);
  }
}
