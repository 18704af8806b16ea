import { RequestMethod, type INestApplication, type INestApplicationContext, type PipeTransform, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ENDPOINT_METADATA, type EndpointOptions } from '@tessera/sdk';
import type { RouteOptions } from 'fastify';
import { compileDirectEndpoint, directEndpointObstacle, type DirectEndpointSettings, type DirectHandler, type EndpointTarget } from './direct-endpoint.js';

/**
 * Nest's Fastify adapter wraps every route handler it registers in a check of the request's
 * path parameters: an empty one, or a path that Fastify's router reads otherwise than Nest's
 * path-to-regexp (`:lat,:lng`, a name used twice), is passed to the not-found handler. The
 * method is private in Nest's typings; the direct-endpoints e2e spec pins its behaviour.
 */
interface RouteParamsCheck {
  requireNonEmptyParams(url: string, handler: DirectHandler): DirectHandler;
}

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
export function planDirectEndpoints(app: INestApplication, globals: GlobalEnhancers, settings: Omit<DirectEndpointSettings, 'pipes' | 'adapter'>): DirectEndpointPlan {
  const plan: DirectEndpointPlan = { direct: [], viaNest: [], onRoute: () => undefined };
  const unitObstacle = globalObstacle(app, globals);
  const targets = [...endpointTargets(app)];
  const shared = sharedMethods(targets);
  const adapter = app.getHttpAdapter();
  const handlers = new Map<Function, DirectHandler>();
  for (const target of targets) {
    const endpoint = `${target.controller.name}.${target.methodName}`;
    const reason = unitObstacle ?? (shared.has(target.method) ? 'a method shared by several controllers' : directEndpointObstacle(target));
    if (reason) {
      plan.viaNest.push({ endpoint, reason });
      continue;
    }
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, target.method) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [ENDPOINT_METHOD_KEY]: target.method }, target.method);
    handlers.set(target.method, compileDirectEndpoint(target, { ...settings, pipes: globals.pipes, adapter }));
    plan.direct.push(endpoint);
  }
  plan.onRoute = (route) => {
    const method = (route.config as Record<string, unknown> | undefined)?.[ENDPOINT_METHOD_KEY] as Function | undefined;
    const handler = method && handlers.get(method);
    if (!handler) return;
    const url = route.url;
    const checked = (adapter as unknown as RouteParamsCheck).requireNonEmptyParams(url, handler);
    route.handler = function (this: unknown, request, reply) {
      // For the unit's onResponse hook (metrics, request log): cheaper than request.routeOptions.
      request.tesseraRoute = url;
      return checked.call(this, request, reply);
    };
  };
  return plan;
}

// A method inherited by several controllers carries one route config for all their routes, so
// the onRoute hook cannot tell its routes apart, while Nest binds each to its own instance and
// runs each controller's own guards: all of them stay on Nest's router.
function sharedMethods(targets: EndpointTarget[]): Set<Function> {
  const seen = new Set<Function>();
  const shared = new Set<Function>();
  for (const { method } of targets) (seen.has(method) ? shared : seen).add(method);
  return shared;
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
  const scanner = new MetadataScanner();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
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
