import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { runWithRequestContext } from '../logging/request-context.js';
import type { HttpMetricLabels, HttpMetrics } from '../metrics/http-metrics.js';
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
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The per-request plumbing of an HTTP app: the request id (echoed as `x-request-id` and
 * kept in the request context for log lines), one log line per answered request, and the
 * HTTP metrics. `registerRequestHooks` installs it as Fastify hooks; the plugin kernel
 * calls it from its own per-unit hooks instead, since every hook Fastify runs costs a
 * little on every request.
 *
 * @example
 * const telemetry = new RequestTelemetry({ logger, metrics, plugin: 'users' });
 * // onRequest:  telemetry.begin(request, reply); telemetry.enter(request, done);
 * // onResponse: telemetry.end(request, reply, request.routeOptions.url ?? UNMATCHED_ROUTE);
 */
export class RequestTelemetry {
  private readonly quiet: Set<string>;
  private readonly logger: Logger;
  private readonly metrics: HttpMetrics | undefined;
  private readonly labels: HttpMetricLabels;

  constructor(options: RequestHooksOptions) {
    this.quiet = new Set(options.quietRoutes ?? []);
    this.logger = options.plugin === undefined ? options.logger : options.logger.child({ plugin: options.plugin });
    this.metrics = options.metrics;
    this.labels = { plugin: options.plugin };
  }

  /** First thing of a request: echo its id (from httpServerOptions' genReqId). */
  begin(request: FastifyRequest, reply: FastifyReply): void {
    void reply.header(REQUEST_ID_HEADER, request.id);
  }

  /** Runs the rest of the request (`next`) with its id visible to every log line. */
  enter(request: FastifyRequest, next: () => void): void {
    runWithRequestContext({ requestId: request.id }, next);
  }

  /** Once answered: the metrics and the request log line. `elapsedMs` is `reply.elapsedTime`, if the caller has read it already. */
  end(request: FastifyRequest, reply: FastifyReply, route: string, elapsedMs = reply.elapsedTime): void {
    const status = reply.statusCode;
    this.metrics?.observe(request.method, route, status, elapsedMs / 1000, this.labels);
    const level = status < 400 && this.quiet.has(route) ? 'debug' : 'info';
    // The line is only built when it will be written: this runs for every request.
    if (this.logger.isLevelEnabled(level)) {
      // The path only: query strings can carry tokens and must not land in log files.
      const path = request.url.split('?')[0];
      this.logger[level]({ reqId: request.id, method: request.method, path, route, status, ms: Math.round(elapsedMs * 10) / 10 }, 'request completed');
    }
  }
}

/**
 * Installs the request telemetry on a Fastify instance as one onRequest and one onResponse
 * hook. Register before `ready()`.
 *
 * @example
 * registerRequestHooks(app.getHttpAdapter().getInstance(), { logger, metrics });
 */
export function registerRequestHooks(fastify: FastifyInstance, options: RequestHooksOptions): void {
  const telemetry = new RequestTelemetry(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    telemetry.begin(request, reply);
    telemetry.enter(request, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    telemetry.end(request, reply, request.routeOptions.url ?? UNMATCHED_ROUTE);
    done();
  });
}
