import { TesseraError } from '@tessera/sdk';

/**
 * Too many attempts: answered 429 `RATE_LIMITED` with a `Retry-After` header (set by
 * {@link RetryAfterInterceptor}) and `details.retry_after_seconds`.
 */
export class RateLimitedError extends TesseraError {
  constructor(readonly retryAfterSeconds: number, what = 'Too many failed attempts') {
    super('RATE_LIMITED', `${what}: try again in ${retryAfterSeconds} s.`, { retry_after_seconds: retryAfterSeconds });
    this.name = 'RateLimitedError';
  }
}
