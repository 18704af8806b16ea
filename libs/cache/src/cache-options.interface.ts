/**
 * Options of {@link CacheModule.forRoot} and {@link createCacheService}.
 *
 * @example
 * CacheModule.forRoot({ redisUrl: process.env.REDIS_URL, defaultTtlSeconds: 300 });
 */
export interface CacheOptions {
  /** Redis connection URL (`redis://` or `rediss://`); unset or blank selects the in-process memory store. */
  redisUrl?: string;
  /** Expiry of entries written without a ttl; unset means they do not expire. */
  defaultTtlSeconds?: number;
  /** Longest a single Redis operation may take before the call gives up and bypasses the cache (default 500). */
  operationTimeoutMs?: number;
  /** Prefix of every key this app writes, so several apps can share one Redis (default `tessera:`). */
  keyPrefix?: string;
}

/** {@link CacheOptions} once checked, with defaults applied. */
export interface ResolvedCacheOptions {
  redisUrl: string | undefined;
  defaultTtlSeconds: number | undefined;
  operationTimeoutMs: number;
  keyPrefix: string;
}
