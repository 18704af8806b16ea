import { HttpException } from '@nestjs/common';
import { isTesseraError, type ErrorBody } from '@tessera/sdk';

/** What the exception filter sends: the status and the `error` member of the envelope. */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True when the error was not raised on purpose: its own message must never be shown. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

// Fastify's own messages are terse; these say what to change.
const FASTIFY_MESSAGES: Record<number, string> = {
  400: 'The request body could not be parsed. Send valid JSON matching the content-type header.',
  413: 'The request body is too large. Send a smaller body (the server limit is BODY_LIMIT_BYTES).',
  415: 'This content type is not accepted here. Send the body as application/json.',
};

/**
 * Turns anything thrown while serving a request into the status and error body the
 * client sees. Only errors raised on purpose (TesseraError, Nest HTTP exceptions,
 * Fastify's request errors) keep their message; anything else becomes a bare
 * INTERNAL_ERROR so no stack trace or SQL reaches the client.
 *
 * @example
 * const { status, body } = toErrorResponse(new NotFoundException('No user 7.'), 'req-1');
 * // 404, { code: 'NOT_FOUND', message: 'No user 7.' }
 */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  if (isTesseraError(exception)) {
    return { status: exception.status, body: exception.toBody(), unexpected: false };
  }
  if (isHandlerTimeout(exception) || (exception instanceof HttpException && isHandlerTimeout(exception.cause))) {
    return {
      status: 504,
      body: { code: 'PLUGIN_TIMEOUT', message: `No answer within ${timeoutSeconds(exception)} s: the plugin's time limit (resources.timeout_seconds in its plugin.yaml).` },
      unexpected: false,
    };
  }
  // Nest's Fastify adapter wraps Fastify's request errors in an HttpException (as `cause`).
  const fastifyError = fastifyRequestError(exception) ?? (exception instanceof HttpException ? fastifyRequestError(exception.cause) : undefined);
  if (fastifyError) {
    const status = fastifyError.statusCode;
    const message = FASTIFY_MESSAGES[status] ?? fastifyError.message;
    return { status, body: { code: codeFor(status), message, details: { reason: fastifyError.message } }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, body: fromHttpException(exception, status), unexpected: false };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL_ERROR', message: `An unexpected error occurred. Report request id ${requestId}; the details are in the server log.` },
    unexpected: true,
  };
}

function fromHttpException(exception: HttpException, status: number): ErrorBody {
  const response = exception.getResponse();
  const code = codeFor(status);
  if (typeof response === 'string') return { code, message: response };
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return { code, message: message.join('; '), details: message };
  return { code, message: typeof message === 'string' ? message : exception.message };
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

/** The limit, from Fastify's message "Request timed out after 1000 ms on route ...". */
function timeoutSeconds(exception: unknown): string {
  const error = exception instanceof HttpException && exception.cause instanceof Error ? exception.cause : (exception as Error);
  const ms = /after (\d+) ms/.exec(error.message)?.[1];
  return ms ? String(Number(ms) / 1000) : '?';
}

/** Fastify's `handlerTimeout` fired (the per-request time limit of a plugin unit). */
function isHandlerTimeout(exception: unknown): boolean {
  return exception instanceof Error && (exception as Error & { code?: unknown }).code === 'FST_ERR_HANDLER_TIMEOUT';
}

// Fastify rejects bad bodies before any handler runs, with errors coded FST_* and a
// client-error statusCode; only those are trusted to describe the request.
function fastifyRequestError(exception: unknown): (Error & { statusCode: number }) | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { code, statusCode } = exception as Error & { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? (exception as Error & { statusCode: number }) : undefined;
}
