import type { FastifyReply } from 'fastify';
import { RateLimiter } from 'limiter';
import { LRUCache } from 'lru-cache';

export interface RateLimit {
  calls: number;
  period_seconds: number;
}

// Beyond this many distinct clients in one period the least recent ones start over with a
// full allowance: bounded memory matters more than perfect fairness under a botnet.
const MAX_TRACKED_CLIENTS = 100_000;

/**
 * One allowance of `calls` per `period_seconds` for each client, checked synchronously
 * (a promise per request cost ~4 µs with rate-limiter-flexible, see docs/BENCHMARKS.md).
 * A client idle for a whole period is forgotten: its allowance would be full again anyway.
 *
 * @example
 * const limiter = new ClientRateLimiter({ calls: 100, period_seconds: 60 });
 * const waitMs = limiter.take('203.0.113.9'); // 0: allowed; otherwise how long to wait
 */
export class ClientRateLimiter {
  private readonly clients: LRUCache<string, RateLimiter>;
  private readonly intervalMs: number;

  constructor(private readonly limit: RateLimit) {
    this.intervalMs = limit.period_seconds * 1000;
    // ttlResolution: lru-cache re-reads the clock at most this often (its default, 1 ms, set
    // a timer about every tenth request under load). A second is precise enough to forget an
    // idle client, whose allowance would be full again anyway.
    this.clients = new LRUCache({ max: MAX_TRACKED_CLIENTS, ttl: this.intervalMs, updateAgeOnGet: true, ttlResolution: 1000 });
  }

  /** Uses one call of `client`'s allowance: 0 when allowed, else milliseconds until the next one. */
  take(client: string): number {
    let bucket = this.clients.get(client);
    if (!bucket) {
      bucket = new RateLimiter({ tokensPerInterval: this.limit.calls, interval: this.intervalMs, fireImmediately: true });
      this.clients.set(client, bucket);
    }
    return bucket.tryRemoveTokens(1) ? 0 : Math.max(1, bucket.getWaitTime(1));
  }
}

/** Answers 429 RATE_LIMITED with Retry-After (whole seconds) for a client over its allowance. */
export function rateLimitedAnswer(reply: FastifyReply, plugin: string, limit: RateLimit, waitMs: number): FastifyReply {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return reply
    .code(429)
    .header('retry-after', String(retryAfter))
    .send({
      success: false,
      error: {
        code: 'RATE_LIMITED',
        message: `Plugin "${plugin}" allows ${limit.calls} requests per ${limit.period_seconds} s per client. Retry in ${retryAfter} s.`,
      },
    });
}
