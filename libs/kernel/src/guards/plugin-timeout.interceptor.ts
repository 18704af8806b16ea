import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';
import { Observable } from 'rxjs';

/**
 * Ends a plugin request that runs past the manifest's `resources.timeout_seconds` with 504
 * PLUGIN_TIMEOUT. One plain timer per request: rxjs's `timeout` operator did the same
 * through its scheduler at ~7 µs more per request (bench/kernel-http-layers.mjs).
 */
export class PluginTimeoutInterceptor implements NestInterceptor {
  constructor(
    private readonly plugin: string,
    private readonly timeoutMs: number,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return new Observable((subscriber) => {
      const timer = setTimeout(
        () =>
          subscriber.error(
            new TesseraError('PLUGIN_TIMEOUT', `Plugin "${this.plugin}" did not answer within ${this.timeoutMs / 1000} s (resources.timeout_seconds in its plugin.yaml).`),
          ),
        this.timeoutMs,
      );
      const answer = next.handle().subscribe({
        next: (value) => {
          clearTimeout(timer);
          subscriber.next(value);
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          subscriber.error(error);
        },
        complete: () => subscriber.complete(),
      });
      // Runs on completion, on error and when Nest unsubscribes: the timer never outlives the request.
      return () => {
        clearTimeout(timer);
        answer.unsubscribe();
      };
    });
  }
}
