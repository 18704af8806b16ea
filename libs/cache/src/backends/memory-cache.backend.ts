import { Keyv } from 'keyv';
import { MEMORY_SWEEP_INTERVAL_MS } from '../cache.constants.js';
import type { KeyPattern } from '../cache-keys.util.js';
import type { CacheBackend } from './cache-backend.interface.js';

/** The default store: Keyv over an in-process `Map`, one per cache service. */
export class MemoryCacheBackend implements CacheBackend {
  readonly kind = 'memory' as const;
  readonly keyv: Keyv;
  private readonly entries = new Map<string, unknown>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor() {
    // Keys arrive fully prefixed, so Keyv must not add its own `keyv:` namespace.
    this.keyv = new Keyv(this.entries, { namespace: undefined, useKeyPrefix: false });
    this.sweepTimer = setInterval(() => void this.sweepExpired(), MEMORY_SWEEP_INTERVAL_MS).unref();
  }

  isConnected(): boolean {
    return true;
  }

  async deleteMatching(pattern: KeyPattern): Promise<number> {
    let deleted = 0;
    for (const key of [...this.entries.keys()]) {
      if (!pattern.regex.test(key)) continue;
      // An expired entry may still sit in the map: remove it, but do not count it.
      if (await this.keyv.has(key)) deleted++;
      this.entries.delete(key);
    }
    return deleted;
  }

  async ping(): Promise<void> {}

  /** Drops the entries past their ttl (Keyv's iterator deletes each expired entry it meets). */
  async sweepExpired(): Promise<void> {
    if (!this.keyv.iterator) return;
    for await (const entry of this.keyv.iterator(undefined)) void entry;
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.entries.clear();
  }
}
