import { CacheUnavailableError } from './cache-unavailable.exception.js';

/**
 * Settles like `operation`, or rejects with {@link CacheUnavailableError} after `timeoutMs`.
 * The Redis client only times out commands it never wrote; a command sent to a server that stopped
 * answering would wait forever, so every Redis call goes through this bound. Other rejections pass
 * through unchanged (a value that cannot be serialized is the caller's bug, not an outage).
 */
export async function withTimeout<T>(operation: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheUnavailableError(`Redis did not answer ${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([operation, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, single-line reason for logs and health reports. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message || error.name;
  }
  return String(error);
}
