import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * Adds `Retry-After` to the answer of any error that carries `retryAfterSeconds` (such as
 * {@link RateLimitedError}); the exception filter then renders the body as usual.
 *
 * @example
 * @UseInterceptors(RetryAfterInterceptor) @Controller('login') export class LoginController { ... }
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const seconds = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
        if (typeof seconds === 'number' && context.getType() === 'http') {
          const reply = context.switchToHttp().getResponse<{ header?(name: string, value: string): unknown; setHeader?(name: string, value: string): unknown }>();
          if (reply.header) reply.header('Retry-After', String(seconds));
          else reply.setHeader?.('Retry-After', String(seconds));
        }
        return throwError(() => error);
      }),
    );
  }
}
