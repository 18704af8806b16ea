import type { OnApplicationShutdown } from '@nestjs/common';
import type { CacheEngine } from './cache.engine.js';
import { CacheNamespace } from './cache-namespace.store.js';
import type { CacheHealth, CacheStore } from './cache-store.interface.js';

/**
 * The application's cache: memory by default, Redis when configured. Keys are written under the
 * configured key prefix (`tessera:` by default); `namespace()` gives each plugin its own key space.
 * Obtain it by injection after `CacheModule.forRoot()`, or from {@link createCacheService}.
 *
 * @example
 * constructor(private readonly cache: CacheService) {}
 *
 * async listUsers(page: number) {
 *   const users = this.cache.namespace('users');
 *   const cached = await users.get<User[]>(`list:${page}`);
 *   if (cached) return cached;
 *   const fresh = await this.repository.find({ skip: page * 20, take: 20 });
 *   await users.set(`list:${page}`, fresh, 60);
 *   return fresh;
 * }
 * // after a write: await this.cache.namespace('users').deleteByPattern('list:*');
 */
export class CacheService extends CacheNamespace implements CacheStore, OnApplicationShutdown {
  constructor(engine: CacheEngine) {
    super(engine, engine.options.keyPrefix);
  }

  /** `memory` (this process only) or `redis` (shared by every instance using it). */
  get store(): 'memory' | 'redis' {
    return this.engine.kind;
  }

  /** `up`, or `degraded` (with the reason) while Redis is configured but does not answer. */
  health(): Promise<CacheHealth> {
    return this.engine.health();
  }

  /** Closes the store's connections; later calls bypass the cache. Safe to call twice. */
  close(): Promise<void> {
    return this.engine.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
