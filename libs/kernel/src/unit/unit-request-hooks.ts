import { UNMATCHED_ROUTE, type RequestTelemetry } from '@tessera/observability';
import { TesseraError } from '@tessera/sdk';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ClientRateLimiter, rateLimitedAnswer, type RateLimit } from '../guards/plugin-rate-limit.js';
import { RequestWatchdog, type WatchedRequest } from '../guards/request-watchdog.js';

/** Records one served request of a plugin (the observability lib's HTTP metrics). */
export type RequestObserver = (plugin: string, method: string, route: string, status: number, seconds: number) => void;

export interface UnitRequestLimits {
  plugin: string;
  /** The manifest's `resources.rate_limit`, per client address. */
  rateLimit?: RateLimit;
  /** The manifest's `resources.timeout_seconds`, in ms. */
  timeoutMs: number;
  observe?: RequestObserver;
  /** Request id, request log and HTTP metrics (the observability lib's part of each request). */
  telemetry?: RequestTelemetry;
}

declare module 'fastify' {
  interface FastifyRequest {
    tesseraWatch: WatchedRequest<FastifyReply> | null;
    /** The route pattern, set by the direct endpoint handlers (see direct-endpoints.ts). */
    tesseraRoute: string | null;
  }
}

/**
 * Everything a unit does for each request, in one onRequest and one onResponse hook (each
 * hook Fastify runs costs a little on every request): the request id and its log context
 * (telemetry), the rate limit (429 RATE_LIMITED with Retry-After, before the body is
 * parsed), the time limit (504 PLUGIN_TIMEOUT through the exception filter when no answer
 * started in time; the handler itself is not cancelled), then the request log, HTTP
 * metrics and the per-plugin request observation.
 */
export function installUnitRequestHooks(fastify: FastifyInstance, limits: UnitRequestLimits): void {
  const { plugin, observe, telemetry } = limits;
  const limiter = limits.rateLimit ? new ClientRateLimiter(limits.rateLimit) : undefined;
  const seconds = limits.timeoutMs / 1000;
  const watchdog = new RequestWatchdog<FastifyReply>(limits.timeoutMs, (reply) => {
    if (reply.sent) return;
    // An answer already streaming cannot become a 504 any more: cut it instead.
    if (reply.raw.headersSent) return void reply.raw.destroy();
    void reply.send(new TesseraError('PLUGIN_TIMEOUT', `No answer within ${seconds} s: the plugin's time limit (resources.timeout_seconds in its plugin.yaml).`));
  });

  fastify.decorateRequest('tesseraWatch', null);
  fastify.decorateRequest('tesseraRoute', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    telemetry?.begin(request, reply);
    if (limiter) {
      const waitMs = limiter.take(request.ip ?? 'unknown');
      if (waitMs > 0) return void rateLimitedAnswer(reply, plugin, limits.rateLimit!, waitMs);
    }
    request.tesseraWatch = watchdog.watch(reply);
    if (telemetry) telemetry.enter(request, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    watchdog.release(request.tesseraWatch ?? undefined);
    // A direct endpoint names its route itself; routeOptions builds a frozen object of eleven
    // fields on every read (~570 instructions), so it is only read for Nest's routes and 404s.
    const route = request.tesseraRoute ?? request.routeOptions.url ?? UNMATCHED_ROUTE;
    const elapsedMs = reply.elapsedTime;
    telemetry?.end(request, reply, route, elapsedMs);
    observe?.(plugin, request.method, route, reply.statusCode, elapsedMs / 1000);
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    watchdog.close();
    done();
  });
}
