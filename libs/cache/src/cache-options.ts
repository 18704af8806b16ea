import { TesseraError } from '@tessera/sdk';
import { DEFAULT_KEY_PREFIX, DEFAULT_OPERATION_TIMEOUT_MS } from './cache.constants.js';
import type { CacheOptions, ResolvedCacheOptions } from './cache-options.interface.js';

/**
 * Checks the cache options once at boot and applies the defaults, so a typo fails fast with the
 * option's name instead of surfacing later as a cache that silently never hits.
 *
 * @example
 * resolveCacheOptions({ redisUrl: process.env.REDIS_URL }); // { keyPrefix: 'tessera:', operationTimeoutMs: 500, ... }
 */
export function resolveCacheOptions(options: CacheOptions = {}): ResolvedCacheOptions {
  const redisUrl = options.redisUrl?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw invalid('redisUrl', 'must start with redis:// or rediss:// (e.g. REDIS_URL=redis://127.0.0.1:6379); leave it unset to use the memory store');
  }
  if (options.defaultTtlSeconds !== undefined && !isPositive(options.defaultTtlSeconds)) {
    throw invalid('defaultTtlSeconds', 'must be a positive number of seconds; leave it unset for entries that do not expire');
  }
  if (options.operationTimeoutMs !== undefined && !isPositive(options.operationTimeoutMs)) {
    throw invalid('operationTimeoutMs', `must be a positive number of milliseconds (default ${DEFAULT_OPERATION_TIMEOUT_MS})`);
  }
  if (options.keyPrefix !== undefined && typeof options.keyPrefix !== 'string') {
    throw invalid('keyPrefix', `must be a string (default "${DEFAULT_KEY_PREFIX}")`);
  }
  return {
    redisUrl,
    defaultTtlSeconds: options.defaultTtlSeconds,
    operationTimeoutMs: options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
  };
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function invalid(field: keyof CacheOptions, rule: string): TesseraError {
  return new TesseraError('VALIDATION_ERROR', `Cache option "${field}" ${rule}.`, [{ field }]);
}
