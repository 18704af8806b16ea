import { ERROR_STATUS, TesseraError, type ErrorCode } from '@tessera/sdk';

/**
 * Turns a failed action answer into the HTTP error an admin gets: a catalogue code keeps
 * its status (PLUGIN_NOT_FOUND 404, ACTION_NOT_FOUND 404, PLUGIN_COMMUNICATION_TIMEOUT 408,
 * ...); a code of the plugin's own (an `ActionError`) is ACTION_FAILED with that code in
 * `details.plugin_error_code`.
 */
export function actionError(error: { code: string; message: string }): TesseraError {
  if (Object.hasOwn(ERROR_STATUS, error.code)) return new TesseraError(error.code as ErrorCode, error.message);
  return new TesseraError('ACTION_FAILED', error.message, { plugin_error_code: error.code });
}
