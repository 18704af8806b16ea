import KeyvRedis, { createClient, defaultReconnectStrategy, Keyv } from '@keyv/redis';
import { REDIS_CONNECT_WAIT_MS } from '../cache.constants.js';
import type { KeyPattern } from '../cache-keys.util.js';
import { CacheUnavailableError } from '../cache-unavailable.exception.js';
import { describeError, withTimeout } from '../operation-timeout.util.js';
import type { StoreAvailability } from '../store-availability.monitor.js';
import type { CacheBackend } from './cache-backend.interface.js';

type RedisClient = ReturnType<typeof createClient>;

/** Keys fetched per SCAN round trip when deleting by pattern. */
const SCAN_COUNT = 1_000;

/**
 * Redis through `@keyv/redis`, on a node-redis client configured so that an outage never blocks a
 * call: commands issued while disconnected fail at once instead of queueing (a queued write would
 * replay stale data after recovery), each call is bounded by `timeoutMs`, and the client keeps
 * reconnecting in the background with a capped back-off.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly kind = 'redis' as const;
  readonly keyv: Keyv;
  private readonly client: RedisClient;

  constructor(
    url: string,
    private readonly timeoutMs: number,
    private readonly availability: StoreAvailability,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: defaultReconnectStrategy, connectTimeout: REDIS_CONNECT_WAIT_MS },
    });
    // node-redis emits `error` for connection failures only (a failed command rejects instead),
    // once per failed reconnect attempt; the monitor logs the first of an outage.
    this.client.on('error', (error: unknown) => this.availability.markDown(describeError(error)));
    this.client.on('ready', () => this.availability.markUp());
    // The adapter swallows command failures (returns a miss / no-op): the monitor above and the
    // timeout in the engine are what notice an outage. Keys arrive fully prefixed: no namespace.
    const adapter = new KeyvRedis(this.client, { throwOnConnectError: false, throwOnErrors: false });
    this.keyv = new Keyv(adapter, { namespace: undefined, useKeyPrefix: false });
  }

  /**
   * Starts connecting and waits until the first connection is ready or has failed once, at most
   * {@link REDIS_CONNECT_WAIT_MS}: a down Redis makes boot start degraded, not hang.
   */
  async connect(): Promise<void> {
    const settled = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        this.client.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, REDIS_CONNECT_WAIT_MS);
      this.client.once('ready', done);
      this.client.once('error', done);
    });
    // With a reconnect strategy that never gives up, connect() only settles once connected.
    this.client.connect().catch((error: unknown) => this.availability.markDown(describeError(error)));
    await settled;
  }

  isConnected(): boolean {
    return this.client.isReady;
  }

  async deleteMatching(pattern: KeyPattern): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const page = await this.call(this.client.scan(cursor, { MATCH: pattern.redisMatch, COUNT: SCAN_COUNT }), 'SCAN');
      cursor = String(page.cursor);
      if (page.keys.length > 0) deleted += await this.call(this.client.unlink(page.keys), 'UNLINK');
    } while (cursor !== '0');
    return deleted;
  }

  async ping(): Promise<void> {
    await this.call(this.client.ping(), 'PING');
  }

  /** A direct client call: bounded, and any failure of it reported as the store being unavailable. */
  private call<T>(command: Promise<T>, what: string): Promise<T> {
    const failed = command.catch((error: unknown) => {
      throw new CacheUnavailableError(`Redis failed ${what}: ${describeError(error)}`, { cause: error });
    });
    return withTimeout(failed, this.timeoutMs, what);
  }

  /**
   * Drops the connection at once. Shutdown runs after the HTTP server stopped taking requests, and a
   * graceful QUIT could wait forever on a server that stopped answering.
   */
  async close(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
  }
}
