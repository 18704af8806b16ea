import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';
import { Observable, throwError, timeout } from 'rxjs';

/** Ends a plugin request that runs past the manifest's `resources.timeout_seconds` with 504 PLUGIN_TIMEOUT. */
export class PluginTimeoutInterceptor implements NestInterceptor {
  constructor(
    private readonly plugin: string,
    private readonly timeoutMs: number,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout({
        first: this.timeoutMs,
        with: () =>
          throwError(
            () =>
              new TesseraError(
                'PLUGIN_TIMEOUT',
                `Plugin "${this.plugin}" did not answer within ${this.timeoutMs / 1000} s (resources.timeout_seconds in its plugin.yaml).`,
              ),
          ),
      }),
    );
  }
}
