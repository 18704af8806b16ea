import type { Keyv } from 'keyv';
import type { KeyPattern } from '../cache-keys.util.js';

/**
 * A store the cache runs on (strategy: memory or Redis). Keys reaching a backend are full keys
 * (key prefix and namespaces included). Failures of the store surface as `CacheUnavailableError`.
 */
export interface CacheBackend {
  readonly kind: 'memory' | 'redis';
  /** The Keyv instance cache-manager reads and writes through. */
  readonly keyv: Keyv;
  /** Whether the connection is up right now (always true for memory). */
  isConnected(): boolean;
  /** Deletes the keys matching `pattern` and returns how many existed. */
  deleteMatching(pattern: KeyPattern): Promise<number>;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
