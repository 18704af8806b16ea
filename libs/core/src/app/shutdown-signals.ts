import type { TesseraApp } from './tessera-app.interface.js';

// If closing the app itself hangs (a stuck database driver), the process must still end.
const CLOSE_GRACE_MS = 10_000;

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  /** Called with the exit code once the app is closed; `process.exit` by default. */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish
 * (bounded by SHUTDOWN_TIMEOUT_MS), close the database and cache, exit 0. A second
 * signal exits at once with 1. Returns a function that removes the handlers.
 *
 * @example
 * const tessera = await createTesseraApp();
 * installShutdownHandlers(tessera);
 * await tessera.listen();
 */
export function installShutdownHandlers(tessera: TesseraApp, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { logger, config } = tessera;
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`Received ${signal} again: exiting without waiting.`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`Received ${signal}: finishing requests in flight (up to ${config.shutdownTimeoutMs} ms), then stopping.`);
    const deadline = setTimeout(() => {
      logger.error('The shutdown did not complete in time: exiting anyway.');
      exit(1);
    }, config.shutdownTimeoutMs + CLOSE_GRACE_MS);
    deadline.unref();
    tessera.close().then(
      () => {
        clearTimeout(deadline);
        logger.info('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error }, 'The shutdown failed.');
        exit(1);
      },
    );
  };

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
