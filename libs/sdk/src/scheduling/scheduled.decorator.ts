import 'reflect-metadata';
import type { ScheduledOptions } from './scheduled-options.interface.js';
import { SCHEDULED_METADATA } from './scheduling.constants.js';

/**
 * Marks a provider method of a plugin as a scheduled task. The method may be sync or async and
 * receives a `TaskRunContext`. The task is registered when its plugin becomes active and removed
 * when the plugin is disabled. Stacking the decorator gives the method several schedules (each
 * with its own name).
 *
 * @example
 * @Scheduled({ name: 'purge-sessions', cron: '0 3 * * *', timeoutMs: 60_000, retries: 2 })
 * async purgeSessions({ signal }: TaskRunContext) { await this.sessions.purge(signal); }
 */
export function Scheduled(options: ScheduledOptions): MethodDecorator {
  return (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const existing = (Reflect.getMetadata(SCHEDULED_METADATA, method) as ScheduledOptions[] | undefined) ?? [];
    // Decorators apply bottom-up; prepend so the list reads in source order.
    Reflect.defineMetadata(SCHEDULED_METADATA, [options, ...existing], method);
    return descriptor;
  };
}
