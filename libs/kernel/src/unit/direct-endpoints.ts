import { RequestMethod, type INestApplicationContext, type PipeTransform, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ENDPOINT_METADATA, type EndpointOptions } from '@tessera/sdk';
import type { RouteOptions } from 'fastify';
import { compileDirectEndpoint, directEndpointObstacle, type DirectEndpointSettings, type EndpointTarget } from './direct-endpoint.js';

// The route config entry that tells the unit's onRoute hook which method a route serves.
// Nest copies a method's Fastify route config onto the route it registers for it.
const ENDPOINT_METHOD_KEY = 'tesseraEndpointMethod';

/** What the unit's app got from the host's set-up besides Tessera's own guard. */
export interface GlobalEnhancers {
  pipes: PipeTransform[];
  guards: unknown[];
  interceptors: unknown[];
}

export interface DirectEndpointPlan {
  /** Endpoints served directly, by method name (`Controller.method`). */
  direct: string[];
  /** Endpoints left to Nest's router, with the reason. */
  viaNest: Array<{ endpoint: string; reason: string }>;
  /** A Fastify onRoute hook that swaps Nest's handler for the direct one. */
  onRoute(route: RouteOptions): void;
}

/**
 * Decides, before Nest registers the unit's routes, which `@Endpoint` methods the kernel
 * serves directly (see direct-endpoint.ts) and returns the onRoute hook that does it.
 * Whole units stay on Nest's router when the host's set-up added global guards or
 * interceptors, or the plugin registers APP_GUARD / APP_INTERCEPTOR / APP_PIPE providers:
 * those must see every request, and only Nest's pipeline runs them.
 */
export function planDirectEndpoints(app: INestApplicationContext, globals: GlobalEnhancers, settings: Omit<DirectEndpointSettings, 'pipes'>): DirectEndpointPlan {
  const plan: DirectEndpointPlan = { direct: [], viaNest: [], onRoute: () => undefined };
  const unitObstacle = globalObstacle(app, globals);
  const handlers = new Map<Function, ReturnType<typeof compileDirectEndpoint>>();
  for (const target of endpointTargets(app)) {
    const endpoint = `${target.controller.name}.${target.methodName}`;
    const reason = unitObstacle ?? directEndpointObstacle(target);
    if (reason) {
      plan.viaNest.push({ endpoint, reason });
      continue;
    }
    if (handlers.has(target.method)) {
      // One method inherited by several controllers: Nest binds each route to its instance.
      handlers.delete(target.method);
      plan.direct = plan.direct.filter((name) => !name.endsWith(`.${target.methodName}`));
      plan.viaNest.push({ endpoint, reason: 'a method shared by several controllers' });
      continue;
    }
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, target.method) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [ENDPOINT_METHOD_KEY]: target.method }, target.method);
    handlers.set(target.method, compileDirectEndpoint(target, { ...settings, pipes: globals.pipes }));
    plan.direct.push(endpoint);
  }
  plan.onRoute = (route) => {
    const method = (route.config as Record<string, unknown> | undefined)?.[ENDPOINT_METHOD_KEY] as Function | undefined;
    const handler = method && handlers.get(method);
    if (handler) route.handler = handler;
  };
  return plan;
}

function globalObstacle(app: INestApplicationContext, globals: GlobalEnhancers): string | undefined {
  if (globals.guards.length > 0) return 'global guards set up by the host';
  if (globals.interceptors.length > 0) return 'global interceptors set up by the host';
  for (const module of app.get(ModulesContainer).values()) {
    for (const token of [...module.providers.keys(), ...module.injectables.keys()]) {
      const name = String(token);
      if ([APP_GUARD, APP_INTERCEPTOR, APP_PIPE].some((enhancer) => name.startsWith(enhancer))) return `an ${name.split(' ')[0]} provider in the plugin`;
    }
  }
  return undefined;
}

function* endpointTargets(app: INestApplicationContext): Generator<EndpointTarget> {
  const scanner = app.get(MetadataScanner);
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = prototype[methodName] as EndpointTarget['method'];
      const options = Reflect.getMetadata(ENDPOINT_METADATA, method) as EndpointOptions | undefined;
      if (!options) continue;
      const requestMethod = (Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod | undefined) ?? RequestMethod.GET;
      yield { instance, controller: wrapper.metatype as Type, methodName, method, options, requestMethod };
    }
  }
}
