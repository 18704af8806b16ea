/** The framework version plugins' `framework_version` ranges are checked against. */
export const FRAMEWORK_VERSION = '1.0.0';

/** Injection token of PluginLoaderModuleOptions. */
export const PLUGIN_LOADER_OPTIONS = Symbol.for('tessera.plugin-loader-options');

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
