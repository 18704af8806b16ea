import { TesseraError } from '@tessera/sdk';

/**
 * The database could not be opened or migrated at boot. The message is one line that says
 * what failed, where (password masked) and how to fix it: `main.ts` prints it and exits 1.
 *
 * @example
 * try {
 *   await createDataSource(options);
 * } catch (error) {
 *   if (error instanceof DatabaseUnavailableError) {
 *     console.error(error.message);
 *     process.exit(1);
 *   }
 *   throw error;
 * }
 */
export class DatabaseUnavailableError extends TesseraError {
  constructor(message: string, cause?: unknown) {
    super('SERVICE_UNAVAILABLE', message);
    this.name = 'DatabaseUnavailableError';
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }
}
