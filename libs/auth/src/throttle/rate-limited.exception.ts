import { TesseraError } from '@tessera/sdk';

/**
 * Too many attempts: answered 429 `RATE_LIMITED` with a `Retry-After` header (set by the
 * exception filter from `retryAfterSeconds`) and `details.retry_after_seconds`.
 *
 * @example
 * throw new RateLimitedError(120, 'Too many codes requested'); // message: 'Too many codes requested: try again in 120 s.'
 */
export class RateLimitedError extends TesseraError {
  constructor(readonly retryAfterSeconds: number, what = 'Too many failed attempts') {
    super('RATE_LIMITED', `${what}: try again in ${retryAfterSeconds} s.`, { retry_after_seconds: retryAfterSeconds });
    this.name = 'RateLimitedError';
  }
}
