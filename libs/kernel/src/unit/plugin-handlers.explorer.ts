import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  ACTION_METADATA,
  ENDPOINT_METADATA,
  FILTER_METADATA,
  HEALTH_CHECK_METADATA,
  HOOK_METADATA,
  type ActionMetadata,
  type EndpointOptions,
  type HookMetadata,
  getScheduledTasks,
  type PluginHealthResult,
  type PluginTask,
} from '@tessera/sdk';
import type { ActionHandler } from '../actions/action-handler.interface.js';
import { DEFAULT_HOOK_PRIORITY, type HookHandler } from '../hooks/hook-handler.interface.js';
import type { UnitHealthCheck } from './plugin-unit.interface.js';

export interface ExploredHandlers {
  hooks: HookHandler[];
  actions: ActionHandler[];
  tasks: PluginTask[];
  healthChecks: UnitHealthCheck[];
  /** Permission strings its endpoints require (`@Endpoint(..., { permission })`), for the catalogue. */
  permissions: string[];
}

export interface ExploreOptions {
  plugin: string;
  order: number;
  defaultTimeoutMs: number;
}

/**
 * Walks every provider and controller of a plugin's unit once, at load, and turns the
 * methods decorated with @Hook, @Filter, @Action, @Scheduled and @HealthCheck into
 * plain handlers bound to their instance.
 */
export function explorePluginHandlers(app: INestApplicationContext, options: ExploreOptions): ExploredHandlers {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const found: ExploredHandlers = { hooks: [], actions: [], tasks: [], healthChecks: [], permissions: [] };
  const wrappers = [...discovery.getProviders(), ...discovery.getControllers()];
  const seen = new Set<object>();
  for (const wrapper of wrappers) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
    seen.add(instance);
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const { methodName, options: task } of getScheduledTasks(instance)) {
      const run = (instance[methodName] as (...args: unknown[]) => unknown).bind(instance);
      found.tasks.push({ name: task.name, options: task, run });
    }
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = (prototype as Record<string, unknown>)[methodName] as (...args: unknown[]) => unknown;
      const invoke = (payload?: unknown) => method.call(instance, payload);
      collectHooks(found, method, invoke, options);
      const action = Reflect.getMetadata(ACTION_METADATA, method) as ActionMetadata | undefined;
      if (action) found.actions.push({ plugin: options.plugin, name: action.name, invoke });
      const endpoint = Reflect.getMetadata(ENDPOINT_METADATA, method) as EndpointOptions | undefined;
      if (endpoint?.permission && !found.permissions.includes(endpoint.permission)) found.permissions.push(endpoint.permission);
      const health = Reflect.getMetadata(HEALTH_CHECK_METADATA, method) as { name: string } | undefined;
      if (health) found.healthChecks.push({ name: health.name, run: async () => (await method.call(instance)) as PluginHealthResult });
    }
  }
  return found;
}

function collectHooks(found: ExploredHandlers, method: Function, invoke: (payload: unknown) => unknown, options: ExploreOptions): void {
  for (const [key, kind] of [[HOOK_METADATA, 'action'], [FILTER_METADATA, 'filter']] as const) {
    const meta = Reflect.getMetadata(key, method) as HookMetadata | undefined;
    if (!meta) continue;
    found.hooks.push({
      owner: options.plugin,
      hook: meta.name,
      kind,
      priority: meta.priority ?? DEFAULT_HOOK_PRIORITY,
      order: options.order,
      timeoutMs: meta.timeoutMs ?? options.defaultTimeoutMs,
      invoke,
    });
  }
}
