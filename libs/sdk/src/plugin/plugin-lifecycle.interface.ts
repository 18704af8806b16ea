import type { PluginContext } from '../context/plugin-context.js';

/** Runs once the plugin's unit is built, before it receives traffic. Throwing puts the plugin in `error`. */
export interface OnPluginLoad {
  onPluginLoad(context: PluginContext): unknown | Promise<unknown>;
}

/** Runs when the plugin is disabled, restarted or uninstalled, after its in-flight requests finished. */
export interface OnPluginUnload {
  onPluginUnload(context: PluginContext): unknown | Promise<unknown>;
}

export function hasOnPluginLoad(instance: unknown): instance is OnPluginLoad {
  return typeof (instance as OnPluginLoad | undefined)?.onPluginLoad === 'function';
}

export function hasOnPluginUnload(instance: unknown): instance is OnPluginUnload {
  return typeof (instance as OnPluginUnload | undefined)?.onPluginUnload === 'function';
}
