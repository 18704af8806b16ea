import { TesseraError, type ErrorCode } from '@tessera/sdk';

/**
 * Thrown by `bootPlugin` when the plugin under test ended in state `error`: it carries the
 * plugin's own error code (`PLUGIN_STARTUP_FAILED`, `PLUGIN_CONFIGURATION_ERROR`,
 * `PLUGIN_DEPENDENCY_ERROR`...) and message, so a failing boot reads like the admin API's answer.
 *
 * @example
 * await expect(bootPlugin('throws-on-load', { pluginDirs })).rejects.toMatchObject({ code: 'PLUGIN_STARTUP_FAILED' });
 */
export class PluginBootError extends TesseraError {
  constructor(
    readonly plugin: string,
    code: string,
    readonly reason: string,
  ) {
    super(
      code as ErrorCode,
      `Plugin "${plugin}" did not start (${code}): ${/[.!?]$/.test(reason) ? reason : `${reason}.`} ` +
        'Fix the cause above, or pass { allowError: true } to bootPlugin to test a plugin that is meant to fail.',
      { plugin },
    );
    this.name = 'PluginBootError';
  }
}
