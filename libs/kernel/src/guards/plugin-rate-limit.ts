import type { FastifyInstance } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimit {
  calls: number;
  period_seconds: number;
}

/**
 * The manifest's `resources.rate_limit`, per plugin and per client address, as a Fastify
 * onRequest hook (cheaper than a Nest guard, and it runs before the body is parsed).
 * Over the limit: 429 RATE_LIMITED with Retry-After.
 */
export function installRateLimit(fastify: FastifyInstance, plugin: string, limit: RateLimit): void {
  const limiter = new RateLimiterMemory({ points: limit.calls, duration: limit.period_seconds, keyPrefix: plugin });
  fastify.addHook('onRequest', async (request, reply) => {
    try {
      await limiter.consume(request.ip ?? 'unknown');
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
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
  });
}
