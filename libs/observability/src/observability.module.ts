import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { ReadinessRegistry } from './health/readiness.registry.js';
import { ReadinessService } from './health/readiness.service.js';
import { HttpMetrics } from './metrics/http-metrics.js';
import { LOGGER } from './observability.constants.js';
import { OpenApiRegistry } from './openapi/openapi.registry.js';

export interface ObservabilityModuleOptions {
  logger: Logger;
  /** Defaults to a fresh HttpMetrics with Node's process metrics. */
  metrics?: HttpMetrics;
}

/**
 * Provides, to the whole app, the root logger (`@Inject(LOGGER)`), `HttpMetrics`,
 * `ReadinessRegistry`/`ReadinessService` and `OpenApiRegistry`, so the kernel records
 * plugin requests into the host's series and documents plugins in the host's OpenAPI.
 *
 * @example
 * ObservabilityModule.forRoot({ logger: createLogger({ level: 'info' }) })
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot()],
      providers: [
        { provide: LOGGER, useValue: options.logger },
        { provide: HttpMetrics, useValue: options.metrics ?? new HttpMetrics() },
        ReadinessRegistry,
        ReadinessService,
        OpenApiRegistry,
      ],
      exports: [LOGGER, HttpMetrics, ReadinessRegistry, ReadinessService, OpenApiRegistry],
    };
  }
}
