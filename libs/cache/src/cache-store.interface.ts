/**
 * What a caller of the cache sees: the whole cache ({@link CacheService}) or one namespace of it.
 * Keys are plain strings; values are stored as JSON (Keyv's serializer, which also keeps
 * Buffers), so a `Date` comes back as its ISO string and a class instance as a plain object.
 *
 * None of the data methods throws because the store is unreachable: while Redis is down a read
 * misses (`undefined` / `false` / `0`) and a write is skipped, so the cache is bypassed, never fatal.
 *
 * @example
 * const users = cache.namespace('users');
 * await users.set('42', { name: 'Ada' }, 60);
 * await users.get<{ name: string }>('42'); // { name: 'Ada' }
 * await users.deleteByPattern('list:*');
 */
export interface CacheStore {
  /** The value stored under `key`, or `undefined` when missing, expired or the store is unreachable. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlSeconds` (default: the module's `defaultTtlSeconds`, else no expiry). */
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  /** Removes `key` (nothing happens when it is missing). */
  del(key: string): Promise<void>;
  /** Whether `key` holds an unexpired value. */
  exists(key: string): Promise<boolean>;
  /**
   * Deletes the keys of this store matching a glob (`*` any run of characters, `?` one character,
   * every other character literal) and returns how many were deleted.
   */
  deleteByPattern(pattern: string): Promise<number>;
  /** A view whose keys are prefixed with `name:`; names match `[a-z0-9][a-z0-9_-]*`. */
  namespace(name: string): CacheStore;
  /** Deletes every key of this store (of a namespace view: only that namespace's keys). */
  clear(): Promise<void>;
}

/**
 * What {@link CacheService.health} reports; `degraded` means Redis is configured but not answering.
 *
 * @example
 * await cache.health(); // { status: 'degraded', store: 'redis', error: 'connect ECONNREFUSED 127.0.0.1:6379' }
 */
export interface CacheHealth {
  status: 'up' | 'degraded';
  store: 'memory' | 'redis';
  /** Why the store is degraded. */
  error?: string;
}
