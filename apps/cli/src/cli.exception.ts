import { EXIT_FAILURE } from './exit-codes.constants.js';

/**
 * A failure a command reports to the user in one line (no stack): what went wrong and what to
 * do instead. `runCli` prints the message to stderr and exits with `exitCode`.
 *
 * @example
 * throw new CliError('plugins/greeter already exists; choose another name or remove the folder first.');
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
