import { CommanderError } from 'commander';
import { createCliProgram } from './cli-program.js';
import { CliError } from './cli.exception.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.constants.js';
import { printError } from './output/print.js';

/**
 * Runs the CLI on `argv` (as `process.argv`: node, script, arguments...) and returns the exit
 * code: 0 done, 1 the command failed (its one-line reason on stderr), 2 the command line was
 * wrong (usage on stderr), 130 cancelled at a prompt.
 *
 * @example
 * process.exit(await runCli(process.argv));
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await createCliProgram().parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error);
  }
}

async function reportFailure(error: unknown): Promise<number> {
  // Commander has already printed its message (and the usage); help and version end here too.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof CliError) {
    printError(error.message);
    return error.exitCode;
  }
  // Both are loaded already when a command threw one of their errors.
  const [{ isTesseraError }, { ConfigurationError }] = await Promise.all([import('@tessera/sdk'), import('@tessera/core')]);
  // Failures Tessera raises on purpose carry a message saying what to fix: no stack.
  if (isTesseraError(error) || error instanceof ConfigurationError) {
    printError(error.message);
    return EXIT_FAILURE;
  }
  printError(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT_FAILURE;
}
