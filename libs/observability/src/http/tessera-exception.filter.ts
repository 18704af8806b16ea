import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER } from '../observability.constants.js';
import { toErrorResponse } from './error-response.js';

/**
 * The one exception filter: every failure, whatever threw it, leaves as
 * `{ success: false, error: { code, message, details? } }` with the `x-request-id`
 * header, and `Retry-After` when the error says when to retry (`retryAfterSeconds`). Server-side failures (5xx) are logged with the request id and the stack.
 *
 * @example
 * app.useGlobalFilters(new TesseraExceptionFilter(logger));
 */
@Catch()
export class TesseraExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = request.id;
    const { status, body } = toErrorResponse(exception, requestId);

    if (status >= 500) {
      this.logger.error({ err: exception, reqId: requestId, method: request.method, url: request.url, status }, `Request failed: ${body.code}`);
    }
    if (reply.sent) return;
    void reply.status(status).header(REQUEST_ID_HEADER, requestId);
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    void reply.send({ success: false, error: body });
  }
}

/** When a refused request may be tried again (login throttles set `retryAfterSeconds`). */
function retryAfterSeconds(exception: unknown): number | undefined {
  const seconds = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
