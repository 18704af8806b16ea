import type { ErrorBody } from './errors/error-codes.js';

/** A successful answer of the Tessera HTTP API. */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

/** A failed answer of the Tessera HTTP API. */
export interface FailureEnvelope {
  success: false;
  error: ErrorBody;
}

export type Envelope<T> = SuccessEnvelope<T> | FailureEnvelope;

/**
 * Wraps a result in the success envelope.
 *
 * @example
 * return ok(user); // { success: true, data: user }
 */
export function ok<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
}

/**
 * Builds the failure envelope without throwing (for answers that are not exceptions).
 *
 * @example
 * return fail('VALIDATION_ERROR', 'page must be >= 1');
 */
export function fail(code: ErrorBody['code'], message: string, details?: unknown): FailureEnvelope {
  return { success: false, error: details === undefined ? { code, message } : { code, message, details } };
}
