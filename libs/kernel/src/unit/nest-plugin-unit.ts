import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { hasOnPluginLoad, hasOnPluginUnload, PluginContext, type Authenticator, type PluginManifest } from '@tessera/sdk';
import type { RequestTelemetry } from '@tessera/observability';
import type { FastifyInstance } from 'fastify';
import { PluginEndpointGuard } from '../guards/plugin-endpoint.guard.js';
import { planDirectEndpoints, type GlobalEnhancers } from './direct-endpoints.js';
import { installUnitRequestHooks, type RequestObserver } from './unit-request-hooks.js';
import { explorePluginHandlers, type ExploredHandlers } from './plugin-handlers.explorer.js';
import type { PluginUnit, UnitRoute } from './plugin-unit.interface.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;


export interface NestUnitInput {
  manifest: PluginManifest;
  pluginClass: Type;
  context: PluginContext;
  /** Load position, the tie-breaker of hook priorities. */
  order: number;
  authenticator: () => Authenticator | undefined;
  /** Applies the host's exception filter, validation pipe and request ids to the unit's app. */
  configureApp?: (app: NestFastifyApplication, plugin: string) => void | Promise<void>;
  serverOptions?: Record<string, unknown>;
  observe?: RequestObserver;
  /** Request ids, logs and metrics, run from the unit's request hooks. */
  telemetry?: RequestTelemetry;
  /** Host providers the plugin may inject, beside its PluginContext. */
  providers?: Provider[];
}

/**
 * Builds a plugin into its own small Nest application on Fastify. The app never listens:
 * Fastify's request handler is captured through `serverFactory` and the kernel's
 * dispatcher calls it for `/plugins/<name>/...`. Building and closing one unit touches no
 * other plugin, which is what makes run-time enable/disable/restart cost constant.
 */
export async function buildNestPluginUnit(input: NestUnitInput): Promise<PluginUnit> {
  const { manifest, pluginClass, context } = input;
  let handler: Handler | undefined;
  const adapter = new FastifyAdapter({
    ...input.serverOptions,
    serverFactory: (captured: Handler): Server => {
      handler = captured;
      return createServer();
    },
  });
  const contextModule: DynamicModule = {
    module: class PluginContextModule {},
    global: true,
    providers: [{ provide: PluginContext, useValue: context }, ...(input.providers ?? [])],
    exports: [PluginContext, ...(input.providers ?? []).map((provider) => ('provide' in provider ? provider.provide : provider))],
  };
  @Module({ imports: [contextModule, DiscoveryModule, pluginClass] })
  class PluginUnitModule {}
  Object.defineProperty(PluginUnitModule, 'name', { value: `${pascal(manifest.name)}PluginUnit` });

  const app = await NestFactory.create<NestFastifyApplication>(PluginUnitModule, adapter, { logger: false, abortOnError: false });
  try {
    app.setGlobalPrefix(`plugins/${manifest.name}`);
    const globals = await configureRecordingEnhancers(app, (recorder) => input.configureApp?.(recorder, manifest.name));
    app.useGlobalGuards(new PluginEndpointGuard(manifest.name, input.authenticator));
    const direct = planDirectEndpoints(app, globals, { plugin: manifest.name, authenticator: input.authenticator });
    for (const { endpoint, reason } of direct.viaNest) context.logger.debug(`Endpoint ${endpoint} is served through Nest's router because of ${reason}.`);
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    const routes: UnitRoute[] = [];
    fastify.addHook('onRoute', (route) => {
      direct.onRoute(route);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) if (method !== 'HEAD') routes.push({ method, path: route.url });
    });
    installUnitRequestHooks(fastify, {
      plugin: manifest.name,
      rateLimit: manifest.resources.rate_limit,
      timeoutMs: manifest.resources.timeout_seconds * 1000,
      observe: input.observe,
      telemetry: input.telemetry,
    });
    await app.init();
    await fastify.ready();
    const handlers = explorePluginHandlers(app, {
      plugin: manifest.name,
      order: input.order,
      defaultTimeoutMs: manifest.resources.timeout_seconds * 1000,
    });
    const pluginInstance = app.get(pluginClass, { strict: false });
    if (hasOnPluginLoad(pluginInstance)) await pluginInstance.onPluginLoad(context);
    if (!handler) throw new Error(`Fastify did not hand over a request handler for plugin "${manifest.name}".`);
    return new NestPluginUnit(manifest.name, app, handler, routes, handlers, pluginInstance, context);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs the host's set-up of a unit's app and records the global pipes, guards and
 * interceptors it installs: direct endpoints must apply the same pipes, and cannot serve
 * a unit whose set-up added guards or interceptors.
 */
async function configureRecordingEnhancers(app: NestFastifyApplication, configure: (app: NestFastifyApplication) => unknown): Promise<GlobalEnhancers> {
  const globals: GlobalEnhancers = { pipes: [], guards: [], interceptors: [] };
  const recorded: Record<string, unknown[]> = { useGlobalPipes: globals.pipes, useGlobalGuards: globals.guards, useGlobalInterceptors: globals.interceptors };
  const recorder = new Proxy(app, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const list = typeof property === 'string' ? recorded[property] : undefined;
      return (...args: unknown[]) => {
        list?.push(...args);
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? receiver : result;
      };
    },
  });
  await configure(recorder);
  return globals;
}

class NestPluginUnit implements PluginUnit {
  readonly hooks;
  readonly actions;
  readonly tasks;
  readonly healthChecks;
  readonly permissions;
  private openApi: Record<string, unknown> | undefined;

  constructor(
    readonly name: string,
    private readonly app: NestFastifyApplication,
    readonly handle: Handler,
    readonly routes: readonly UnitRoute[],
    handlers: ExploredHandlers,
    private readonly pluginInstance: unknown,
    private readonly context: PluginContext,
  ) {
    this.hooks = handlers.hooks;
    this.actions = handlers.actions;
    this.tasks = handlers.tasks;
    this.healthChecks = handlers.healthChecks;
    this.permissions = handlers.permissions;
  }

  openApiDocument(): Record<string, unknown> | undefined {
    if (this.routes.length === 0) return undefined;
    this.openApi ??= SwaggerModule.createDocument(this.app, new DocumentBuilder().setTitle(this.name).build()) as unknown as Record<string, unknown>;
    return this.openApi;
  }

  async dispose(): Promise<void> {
    try {
      if (hasOnPluginUnload(this.pluginInstance)) await this.pluginInstance.onPluginUnload(this.context);
    } finally {
      await this.app.close();
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
