import { isTesseraError, TesseraError } from '@tessera/sdk';

/**
 * The one error a refused package ends in: PLUGIN_INSTALLATION_FAILED with the reason. A check
 * that failed with its own code (PLUGIN_INCOMPATIBLE, PLUGIN_DEPENDENCY_ERROR...) keeps it in
 * `details.reason`, so a client can still tell them apart.
 *
 * @example
 * throw packageRejected('entry "../escape" points outside the package', { entry: '../escape' });
 */
export function packageRejected(reason: string, details: Record<string, unknown> = {}): TesseraError {
  return new TesseraError('PLUGIN_INSTALLATION_FAILED', `The package was refused: ${reason}. Nothing was installed.`, { reason: 'PACKAGE_INVALID', ...details });
}

/** `error` as a refusal: TesseraErrors keep their code and details under `details`. */
export function asPackageRejection(error: unknown): TesseraError {
  if (isTesseraError(error) && error.code === 'PLUGIN_INSTALLATION_FAILED') return error;
  if (isTesseraError(error)) return packageRejected(error.message, { reason: error.code, ...(error.details === undefined ? {} : { problems: error.details }) });
  return packageRejected((error as Error)?.message ?? String(error));
}
