import { TesseraError } from '@tessera/sdk';
import { createCache, type Cache } from 'cache-manager';
import type { CacheBackend } from './backends/cache-backend.interface.js';
import type { KeyPattern } from './cache-keys.util.js';
import type { ResolvedCacheOptions } from './cache-options.interface.js';
import type { CacheHealth } from './cache-store.interface.js';
import { isCacheUnavailable } from './cache-unavailable.exception.js';
import { withTimeout } from './operation-timeout.util.js';
import type { StoreAvailability } from './store-availability.monitor.js';

/**
 * Runs every cache operation on full keys, through cache-manager where it has the operation and
 * through the backend where it does not (existence, deletion by pattern). It is the one place that
 * turns an unavailable store into a miss or a skipped write and keeps the availability up to date.
 */
export class CacheEngine {
  private readonly cache: Cache;
  private closed = false;

  constructor(
    private readonly backend: CacheBackend,
    private readonly availability: StoreAvailability,
    readonly options: ResolvedCacheOptions,
  ) {
    this.cache = createCache({ stores: [backend.keyv], ttl: toTtlMs(options.defaultTtlSeconds) });
  }

  /** Which store is behind the cache. */
  get kind(): 'memory' | 'redis' {
    return this.backend.kind;
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.guard('GET', undefined, () => this.cache.get<T>(key));
  }

  async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    const ttlMs = toTtlMs(ttlSeconds);
    return this.guard('SET', undefined, async () => {
      await this.cache.set(key, value, ttlMs);
    });
  }

  del(key: string): Promise<void> {
    return this.guard('DEL', undefined, async () => {
      await this.cache.del(key);
    });
  }

  exists(key: string): Promise<boolean> {
    return this.guard('EXISTS', false, () => this.backend.keyv.has(key));
  }

  /** Each round trip of a deletion is bounded by the backend: a large one may take longer than one timeout. */
  deleteMatching(pattern: KeyPattern): Promise<number> {
    return this.guard('deleteByPattern', 0, () => this.backend.deleteMatching(pattern), false);
  }

  async health(): Promise<CacheHealth> {
    const store = this.backend.kind;
    if (this.closed) return { status: 'degraded', store, error: 'The cache is closed.' };
    const answered = await this.guard('PING', false, async () => {
      await this.backend.ping();
      return true;
    }, false);
    if (answered) return { status: 'up', store };
    return { status: 'degraded', store, error: this.availability.lastError ?? 'The store does not answer.' };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.backend.close();
  }

  private async guard<T>(what: string, fallback: T, run: () => Promise<T>, bounded = true): Promise<T> {
    // After shutdown the connection is gone: a late call bypasses the cache instead of reconnecting.
    if (this.closed) return fallback;
    try {
      // Only a remote store can hang; the memory store answers at once and skips the timer.
      const result = await (bounded && this.backend.kind !== 'memory' ? withTimeout(run(), this.options.operationTimeoutMs, what) : run());
      // The Redis adapter answers a miss when offline, so a result proves recovery only when connected.
      if (this.backend.isConnected()) this.availability.markUp();
      return result;
    } catch (error) {
      if (!isCacheUnavailable(error)) throw error;
      // While disconnected, the client's own connection errors say why better than "client is offline".
      if (this.backend.isConnected() || !this.availability.isDown) this.availability.markDown(error.message);
      return fallback;
    }
  }
}

function toTtlMs(ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined) return undefined;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TesseraError('VALIDATION_ERROR', `A cache ttl must be a positive number of seconds, got ${String(ttlSeconds)}; omit it to use the default.`, [
      { field: 'ttlSeconds' },
    ]);
  }
  // Redis takes whole milliseconds (PX); rounding up never expires an entry early.
  return Math.ceil(ttlSeconds * 1000);
}
