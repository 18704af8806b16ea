import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

type PinoMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const LEVELS: Record<NestLogLevel, PinoMethod> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

// Nest announces every module and route it wires at boot. Useful when debugging a boot,
// noise otherwise: those lines go out at debug so `info` shows what an operator needs.
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export interface PinoNestLoggerOptions {
  /**
   * Contexts whose lines are dropped. The host drops `ExceptionHandler`: Nest logs a boot
   * failure there with its stack, and the host reports that failure itself in one line.
   */
  ignoreContexts?: string[];
}

/**
 * Routes Nest's own logs (`Logger`, `app.useLogger`) through pino, so they share the
 * format, the level and the request id of every other line.
 *
 * @example
 * const app = await NestFactory.create(AppModule, adapter, { logger: new PinoNestLogger(logger) });
 */
export class PinoNestLogger implements LoggerService {
  private readonly ignored: Set<string>;

  constructor(
    private readonly logger: Logger,
    options: PinoNestLoggerOptions = {},
  ) {
    this.ignored = new Set(options.ignoreContexts ?? []);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(nestLevel: NestLogLevel, message: unknown, params: unknown[]): void {
    // Nest passes the context last, and for errors a stack string before it.
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (context !== undefined && this.ignored.has(context)) return;
    const stack = nestLevel === 'error' && typeof params[0] === 'string' ? (params.shift() as string) : undefined;
    const method = nestLevel === 'log' && context !== undefined && BOOT_CONTEXTS.has(context) ? 'debug' : LEVELS[nestLevel];
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      this.logger[method]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[method]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      if (stack !== undefined) fields.stack = stack;
      this.logger[method](fields, String(message));
    }
  }
}
