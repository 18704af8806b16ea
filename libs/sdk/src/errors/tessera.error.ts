import { ERROR_STATUS, type ErrorBody, type ErrorCode } from './error-codes.js';

/**
 * Base of every error Tessera raises on purpose. It carries a stable `code` from the
 * catalogue, the HTTP status that code maps to, and a message that says what happened
 * and how to fix it. The global exception filter turns it into
 * `{ success: false, error: { code, message, details? } }`.
 *
 * @example
 * throw new TesseraError('PLUGIN_NOT_FOUND', 'Plugin "audit" is not installed. Install it with POST /api/v1/plugins/install.');
 */
export class TesseraError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    status?: number,
  ) {
    super(message);
    this.name = 'TesseraError';
    this.status = status ?? ERROR_STATUS[code] ?? 500;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for a TesseraError, even one created by another copy of the sdk. */
export function isTesseraError(value: unknown): value is TesseraError {
  return (
    value instanceof TesseraError ||
    (value instanceof Error && typeof (value as TesseraError).code === 'string' && typeof (value as TesseraError).status === 'number' && typeof (value as TesseraError).toBody === 'function')
  );
}
