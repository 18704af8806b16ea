import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { requestIdFor } from '../logging/request-context.js';
import { createValidationPipe } from './validation-pipe.factory.js';
import { registerRequestHooks, type RequestHooksOptions } from './request-hooks.js';
import { TesseraExceptionFilter } from './tessera-exception.filter.js';

/** What an HTTP app needs to behave like the host: the logger, and the metrics to feed. */
export interface HttpAppDependencies extends RequestHooksOptions {
  /**
   * Install the request telemetry (ids, request logs, metrics) as Fastify hooks; default
   * true. The plugin kernel sets false for its units and runs a RequestTelemetry from its
   * own per-unit hooks instead.
   */
  requestHooks?: boolean;
}

/**
 * Fastify options every Tessera app (host or plugin unit) should be created with: the
 * body size limit and a request id taken from `x-request-id` when the client sent one.
 *
 * @example
 * new FastifyAdapter({ ...httpServerOptions({ bodyLimit: 1_048_576 }), serverFactory });
 */
export function httpServerOptions(options: { bodyLimit: number }): Pick<FastifyServerOptions, 'bodyLimit' | 'genReqId' | 'requestIdHeader'> {
  return { bodyLimit: options.bodyLimit, requestIdHeader: false, genReqId: requestIdFor };
}

/**
 * Makes any NestFastifyApplication answer like the host: the envelope exception filter,
 * the validation pipe, request ids, request logs and metrics. Call it before `app.init()`
 * (Fastify refuses hooks after `ready()`).
 *
 * @example
 * const unit = await NestFactory.create<NestFastifyApplication>(UsersPlugin, new FastifyAdapter(httpServerOptions({ bodyLimit })));
 * configureHttpApp(unit, { logger, metrics, plugin: 'users' });
 * await unit.init();
 */
export function configureHttpApp(app: NestFastifyApplication, dependencies: HttpAppDependencies): void {
  const logger = dependencies.plugin === undefined ? dependencies.logger : dependencies.logger.child({ plugin: dependencies.plugin });
  app.useGlobalFilters(new TesseraExceptionFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  if (dependencies.requestHooks !== false) registerRequestHooks(app.getHttpAdapter().getInstance(), dependencies);
}
