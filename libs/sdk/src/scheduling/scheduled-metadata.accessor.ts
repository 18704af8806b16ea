import 'reflect-metadata';
import type { ScheduledOptions } from './scheduled-options.interface.js';
import { SCHEDULED_METADATA } from './scheduling.constants.js';

/** One `@Scheduled()` found on an instance. */
export interface ScheduledMethod {
  methodName: string;
  options: ScheduledOptions;
}

/**
 * Lists the `@Scheduled()` methods of a provider instance, inherited ones included (an override
 * counts once, with the subclass's metadata).
 *
 * @example
 * const tasks = getScheduledTasks(instance).map(({ methodName, options }) => ({
 *   name: options.name, options, run: (ctx) => instance[methodName](ctx),
 * }));
 */
export function getScheduledTasks(instance: object): ScheduledMethod[] {
  const found: ScheduledMethod[] = [];
  const seen = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const methodName of Object.getOwnPropertyNames(proto)) {
      if (methodName === 'constructor' || seen.has(methodName)) continue;
      seen.add(methodName);
      const descriptor = Object.getOwnPropertyDescriptor(proto, methodName);
      if (typeof descriptor?.value !== 'function') continue;
      const list = Reflect.getMetadata(SCHEDULED_METADATA, descriptor.value) as ScheduledOptions[] | undefined;
      for (const options of list ?? []) found.push({ methodName, options });
    }
  }
  return found;
}
