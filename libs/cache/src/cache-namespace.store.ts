import type { CacheEngine } from './cache.engine.js';
import { compileKeyPattern, namespacePrefix } from './cache-keys.util.js';
import type { CacheStore } from './cache-store.interface.js';

/**
 * The cache seen through a key prefix. Every key, pattern and nested namespace is built on that
 * prefix, so a view cannot name, list or delete a key outside it.
 */
export class CacheNamespace implements CacheStore {
  constructor(
    protected readonly engine: CacheEngine,
    protected readonly prefix: string,
  ) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.engine.get<T>(this.prefix + key);
  }

  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    return this.engine.set(this.prefix + key, value, ttlSeconds);
  }

  del(key: string): Promise<void> {
    return this.engine.del(this.prefix + key);
  }

  exists(key: string): Promise<boolean> {
    return this.engine.exists(this.prefix + key);
  }

  async deleteByPattern(pattern: string): Promise<number> {
    return this.engine.deleteMatching(compileKeyPattern(this.prefix, pattern));
  }

  namespace(name: string): CacheStore {
    return new CacheNamespace(this.engine, namespacePrefix(this.prefix, name));
  }

  async clear(): Promise<void> {
    await this.deleteByPattern('*');
  }
}
