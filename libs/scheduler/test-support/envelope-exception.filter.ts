import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { isTesseraError } from '@tessera/sdk';
import type { FastifyReply } from 'fastify';

/** Stand-in for the core app's global filter in controller specs: TesseraError -> envelope. */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isTesseraError(exception)) {
      void reply.status(exception.status).send({ success: false, error: exception.toBody() });
    } else if (exception instanceof HttpException) {
      void reply.status(exception.getStatus()).send({ success: false, error: { code: 'HTTP_ERROR', message: exception.message } });
    } else {
      void reply.status(500).send({ success: false, error: { code: 'INTERNAL_ERROR', message: String(exception) } });
    }
  }
}
