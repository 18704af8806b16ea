import { PermissionDeniedError } from '../permissions/permission-denied.exception.js';
import type { PermissionChecker } from './permission-checker.interface.js';

/**
 * Hands a host service to a plugin behind its permissions: every method call first checks
 * that the plugin holds `use` on `resource` (at the time of the call, so a grant or a
 * revoke applies at once), and throws PLUGIN_PERMISSION_DENIED otherwise.
 *
 * @example
 * unitProviders: (plugin, permissions) => [
 *   { provide: PasswordHasher, useValue: guardedService(hasher, plugin, 'auth.passwords', permissions) },
 * ]
 */
/**
 * Nest calls these on every provider of an app, value providers included. A shared service
 * belongs to the host: a unit starting or closing must not run its lifecycle again.
 */
const HOST_LIFECYCLE_HOOKS = new Set<PropertyKey>(['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);

export function guardedService<T extends object>(service: T, plugin: string, resource: string, permissions: PermissionChecker): T {
  return new Proxy(service, {
    get(target, property, receiver) {
      if (HOST_LIFECYCLE_HOOKS.has(property)) return undefined;
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!permissions.can(resource, 'use')) throw new PermissionDeniedError(plugin, resource, 'use');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
