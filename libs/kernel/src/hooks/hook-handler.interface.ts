/** One subscription of a plugin (or of the core) to a hook name. */
export interface HookHandler {
  /** Owner: a plugin name, or `core`. */
  owner: string;
  hook: string;
  kind: 'action' | 'filter';
  priority: number;
  /** Load position of the owner, the tie-breaker after priority. */
  order: number;
  timeoutMs: number;
  invoke(payload: unknown): unknown;
}

/** Where handler failures go (logging and the `plugin_error` hook). */
export type HookErrorReporter = (handler: HookHandler, error: unknown) => void;

/** Hooks the kernel itself emits; plugins may subscribe but never emit them. */
export const CORE_HOOKS = ['plugin_loaded', 'plugin_unloaded', 'plugin_error', 'plugin_quarantined'] as const;

export const DEFAULT_HOOK_PRIORITY = 10;
