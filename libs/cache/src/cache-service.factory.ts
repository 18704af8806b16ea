import { TesseraError } from '@tessera/sdk';
import type { CacheBackend } from './backends/cache-backend.interface.js';
import { MemoryCacheBackend } from './backends/memory-cache.backend.js';
import { RedisCacheBackend } from './backends/redis-cache.backend.js';
import { CacheEngine } from './cache.engine.js';
import { redactRedisUrl } from './cache.messages.js';
import { CacheService } from './cache.service.js';
import type { CacheOptions } from './cache-options.interface.js';
import { resolveCacheOptions } from './cache-options.js';
import { StoreAvailability } from './store-availability.monitor.js';

/**
 * Creates a {@link CacheService} outside Nest (CLI, scripts, tests). With a `redisUrl` it waits for
 * the first connection (at most 2 s); if Redis is down it resolves anyway, degraded, and keeps
 * reconnecting. Call `close()` when done.
 *
 * @example
 * const cache = await createCacheService({ redisUrl: process.env.REDIS_URL });
 * try {
 *   await cache.set('greeting', 'hello', 60);
 * } finally {
 *   await cache.close();
 * }
 */
export async function createCacheService(options: CacheOptions = {}): Promise<CacheService> {
  const resolved = resolveCacheOptions(options);
  const availability = new StoreAvailability(resolved.redisUrl ? redactRedisUrl(resolved.redisUrl) : 'memory');
  const backend = resolved.redisUrl ? await connectRedis(resolved.redisUrl, resolved.operationTimeoutMs, availability) : new MemoryCacheBackend();
  return new CacheService(new CacheEngine(backend, availability, resolved));
}

async function connectRedis(url: string, timeoutMs: number, availability: StoreAvailability): Promise<CacheBackend> {
  const backend = createRedisBackend(url, timeoutMs, availability);
  await backend.connect();
  return backend;
}

function createRedisBackend(url: string, timeoutMs: number, availability: StoreAvailability): RedisCacheBackend {
  try {
    return new RedisCacheBackend(url, timeoutMs, availability);
  } catch (error) {
    throw new TesseraError('VALIDATION_ERROR', `Cache option "redisUrl" is not a valid Redis URL (${(error as Error).message}); use e.g. redis://127.0.0.1:6379.`, [
      { field: 'redisUrl' },
    ]);
  }
}
