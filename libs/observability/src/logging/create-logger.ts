import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { currentRequestId } from './request-context.js';

/** How log lines are written: `auto` is pretty in a terminal and JSON otherwise. */
export type LogFormat = 'auto' | 'pretty' | 'json';

/** A pino level, or `silent` to write nothing. */
export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; stdout by default. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
  /** Fields written on every line (for example `{ service: 'tessera' }`). */
  base?: Record<string, unknown>;
}

/**
 * Creates the root logger. Every line written while a request is served carries that
 * request's id as `reqId`, including lines of child loggers.
 *
 * @example
 * const logger = createLogger({ level: 'info', format: 'auto' });
 * logger.child({ plugin: 'users' }).info('loaded');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  const destination =
    options.destination ??
    (pretty
      ? PinoPretty({ colorize: !process.env.NO_COLOR && process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, sync: true })
      : undefined);
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      // Lines from code deep inside a request (services, plugins) get the request id
      // without anyone passing it around.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? {} : { reqId };
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
