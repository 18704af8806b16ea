/** An `@Action` of an active plugin, callable by other plugins and by admins. */
export interface ActionHandler {
  plugin: string;
  name: string;
  invoke(payload: unknown): unknown;
}

export const DEFAULT_CALL_TIMEOUT_MS = 5_000;
