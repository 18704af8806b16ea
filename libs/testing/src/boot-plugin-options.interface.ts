import type { TesseraConfig } from '@tessera/core';

/** How {@link bootPlugin} builds the host around the plugin under test. */
export interface BootPluginOptions {
  /**
   * Folders searched for plugins, resolved from `process.cwd()`; default `['./plugins']`.
   * Only the plugin under test and the plugins it depends on are loaded from them.
   */
  pluginDirs?: string[];
  /**
   * Config values stored for the plugin before the host boots, as an admin would have saved
   * them (`PUT /api/v1/plugins/:name/config`). They are checked against the manifest's
   * `config:` schema at boot, like any stored value; unset keys take the schema's defaults.
   */
  config?: Record<string, unknown>;
  /**
   * Environment variables set while the host boots: what plugin.yaml's `env:` section
   * (`${VAR}`) and the host configuration read. The previous values are put back once the
   * plugin has booted (the plugin keeps what it read, in `ctx.env`).
   */
  env?: Record<string, string>;
  /**
   * Return the harness even when the plugin ends in state `error` (to test a plugin that is
   * meant to fail); by default `bootPlugin` closes everything and throws the plugin's error.
   */
  allowError?: boolean;
  /**
   * Host settings over the harness's own (`logLevel: 'error'`, generated secrets, no first-boot
   * admin), for example `{ logLevel: 'silent' }` or `{ bodyLimitBytes: 1024 }`. The database,
   * its folder and `pluginDirs` are always the harness's.
   */
  host?: Partial<TesseraConfig>;
}
