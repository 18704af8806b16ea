import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PluginHealthResult, PluginTask } from '@tessera/sdk';
import type { ActionHandler } from '../actions/action-handler.interface.js';
import type { HookHandler } from '../hooks/hook-handler.interface.js';

/** A route a unit serves, as shown to admins and in OpenAPI. */
export interface UnitRoute {
  method: string;
  /** Full path, `/plugins/<name>/...`. */
  path: string;
}

export interface UnitHealthCheck {
  name: string;
  run(): Promise<PluginHealthResult>;
}

/**
 * The kernel's whole view of a loaded plugin: what it serves and subscribes to, and how
 * to stop it. The kernel never reaches inside (a Nest app today, a sandboxed child
 * process later), so a unit can be created and disposed on its own while the others run.
 */
export interface PluginUnit {
  readonly name: string;
  readonly routes: readonly UnitRoute[];
  readonly hooks: readonly HookHandler[];
  readonly actions: readonly ActionHandler[];
  readonly tasks: readonly PluginTask[];
  readonly healthChecks: readonly UnitHealthCheck[];
  /** Permission strings its endpoints require, shown in the admin permission catalogue. */
  readonly permissions: readonly string[];
  /** Serves one HTTP request whose path starts with `/plugins/<name>/`. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** The unit's OpenAPI document (paths already prefixed), if it has routes. */
  openApiDocument(): Record<string, unknown> | undefined;
  /** Runs OnPluginUnload and releases everything the unit holds. */
  dispose(): Promise<void>;
}
