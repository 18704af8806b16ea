import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { runWithRequestContext } from '../logging/request-context.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { REQUEST_ID_HEADER } from '../observability.constants.js';

export interface RequestHooksOptions {
  logger: Logger;
  metrics?: HttpMetrics;
  /** Recorded as the `plugin` label and log field; unset for the host's own routes. */
  plugin?: string;
  /** Route patterns logged at debug instead of info (probes and scrapes would drown the log). */
  quietRoutes?: string[];
}

// Requests that matched no route share one label: raw URLs would create a series per typo.
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Adds the per-request plumbing to a Fastify instance: the request id (kept in an
 * AsyncLocalStorage for log lines and echoed as `x-request-id`), one log line per answered
 * request, and the HTTP metrics. Register before `ready()`.
 *
 * @example
 * registerRequestHooks(app.getHttpAdapter().getInstance(), { logger, metrics });
 */
export function registerRequestHooks(fastify: FastifyInstance, options: RequestHooksOptions): void {
  const quiet = new Set(options.quietRoutes ?? []);
  const logger = options.plugin === undefined ? options.logger : options.logger.child({ plugin: options.plugin });
  const { metrics } = options;
  const labels = { plugin: options.plugin };

  fastify.addHook('onRequest', (request, reply, done) => {
    // request.id comes from httpServerOptions' genReqId: the client's acceptable id or a UUID.
    const requestId = request.id;
    void reply.header(REQUEST_ID_HEADER, requestId);
    runWithRequestContext({ requestId }, done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    metrics?.observe(request.method, route, status, reply.elapsedTime / 1000, labels);
    const level = quiet.has(route) && status < 400 ? 'debug' : 'info';
    // The line is only built when it will be written: this runs for every request.
    if (logger.isLevelEnabled(level)) {
      // The path only: query strings can carry tokens and must not land in log files.
      const path = request.url.split('?')[0];
      logger[level]({ reqId: request.id, method: request.method, path, route, status, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
    }
    done();
  });
}
