import {
  PluginContext,
  TesseraError,
  type ActionResult,
  type Blocked,
  type CallOptions,
  type PluginCache,
  type PluginCalls,
  type PluginConfig,
  type PluginDatabase,
  type PluginHooks,
  type PluginLogger,
} from '@tessera/sdk';
import type { ActionRouter } from '../actions/action-router.js';
import type { HookBus } from '../hooks/hook-bus.js';
import { CORE_HOOKS } from '../hooks/hook-handler.interface.js';
import { demand, type PermissionChecker } from './permission-checker.interface.js';

/** Everything a context is built from; `permissions` and `config` are read live. */
export interface PluginContextParts {
  name: string;
  version: string;
  env: Record<string, string>;
  settings: Record<string, unknown>;
  logger: PluginLogger;
  cache: PluginCache;
  db: PluginDatabase;
  hookBus: HookBus;
  actions: ActionRouter;
  permissions: () => PermissionChecker;
  config: () => Readonly<Record<string, unknown>>;
}

const CORE_HOOK_NAMES: ReadonlySet<string> = new Set(CORE_HOOKS);

/**
 * The kernel's PluginContext: the plugin's only door to shared services. Every door
 * checks the plugin's permissions at the moment of use, so a grant or a revoke by an
 * admin takes effect without a restart.
 */
export class KernelPluginContext extends PluginContext {
  readonly name: string;
  readonly version: string;
  readonly env: Readonly<Record<string, string>>;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly logger: PluginLogger;
  readonly cache: PluginCache;
  readonly db: PluginDatabase;
  readonly config: PluginConfig;
  readonly hooks: PluginHooks;
  readonly plugins: PluginCalls;
  private readonly permissions: () => PermissionChecker;

  constructor(parts: PluginContextParts) {
    super();
    this.name = parts.name;
    this.version = parts.version;
    this.env = Object.freeze({ ...parts.env });
    this.settings = Object.freeze({ ...parts.settings });
    this.logger = parts.logger;
    this.cache = parts.cache;
    this.db = parts.db;
    this.permissions = parts.permissions;
    const name = parts.name;
    const permissions = parts.permissions;
    this.config = {
      get: <T>(key: string) => parts.config()[key] as T,
      all: () => parts.config(),
    };
    this.hooks = {
      emit: async (hook: string, payload?: unknown) => {
        assertEmittable(name, hook);
        demand(name, permissions, `hook.${hook}`, 'emit');
        await parts.hookBus.emit(hook, payload);
      },
      filter: async <T>(hook: string, payload: T): Promise<T | Blocked> => {
        assertEmittable(name, hook);
        demand(name, permissions, `hook.${hook}`, 'emit');
        return parts.hookBus.filter(hook, payload);
      },
    };
    this.plugins = {
      call: async <T>(target: string, action: string, payload?: unknown, options?: CallOptions): Promise<ActionResult<T>> => {
        if (!permissions().can(`plugin.${target}`, 'call')) {
          return {
            ok: false,
            error: {
              code: 'PLUGIN_PERMISSION_DENIED',
              message: `Plugin "${name}" may not call plugin "${target}". Declare { resource: "plugin.${target}", actions: [call] } in its plugin.yaml.`,
            },
          };
        }
        return parts.actions.call<T>(target, action, payload, options);
      },
    };
  }

  can(resource: string, action: string): boolean {
    return this.permissions().can(resource, action);
  }
}

function assertEmittable(plugin: string, hook: string): void {
  if (CORE_HOOK_NAMES.has(hook)) {
    throw new TesseraError('PLUGIN_PERMISSION_DENIED', `Plugin "${plugin}" may not emit the core hook "${hook}"; only the kernel emits it. Subscribe to it instead.`);
  }
}
