import type { PluginCache } from '@tessera/sdk';
import type { CacheStore } from '@tessera/cache';
import { demand, type PermissionChecker } from './permission-checker.interface.js';

/** The plugin's cache namespace, every call checked against `cache.<plugin>` read/write. */
export function createPluginCache(plugin: string, store: CacheStore, permissions: () => PermissionChecker): PluginCache {
  const resource = `cache.${plugin}`;
  const read = () => demand(plugin, permissions, resource, 'read');
  const write = () => demand(plugin, permissions, resource, 'write');
  return {
    get: async (key) => (read(), store.get(key)),
    exists: async (key) => (read(), store.exists(key)),
    set: async (key, value, ttlSeconds) => (write(), store.set(key, value, ttlSeconds)),
    del: async (key) => (write(), store.del(key)),
    deleteByPattern: async (pattern) => (write(), store.deleteByPattern(pattern)),
    clear: async () => (write(), store.clear()),
  };
}
