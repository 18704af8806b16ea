/**
 * Raised inside the cache when the store did not answer (unreachable, offline or too slow). It never
 * reaches a caller: the cache turns it into a miss or a skipped write. Any other error (a value that
 * cannot be serialized, say) is a bug of the caller and is thrown to it.
 */
export class CacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheUnavailableError';
  }
}

/** True for a {@link CacheUnavailableError}. */
export function isCacheUnavailable(error: unknown): error is CacheUnavailableError {
  return error instanceof CacheUnavailableError;
}
