// The bench-echo handler in a Nest + Fastify app with the first BENCH_LAYERS layers of a
// plugin's request path added, in the order a request meets them (kernel-layers.constants.mjs), so
// bench/kernel-http-layers.mjs can price each layer. The layers are the kernel's and the
// observability lib's own code, not imitations: the guard files are imported from the
// kernel's dist because the kernel does not export them (they are wired by its unit builder).
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HostServer } from '@tessera/core';
import { PluginDispatcher } from '@tessera/kernel';
import { configureHttpApp, createLogger, HttpMetrics, httpServerOptions } from '@tessera/observability';
import { Endpoint } from '@tessera/sdk';
import { PluginEndpointGuard } from '../../libs/kernel/dist/guards/plugin-endpoint.guard.js';
import { planDirectEndpoints } from '../../libs/kernel/dist/unit/direct-endpoints.js';
import { installUnitRequestHooks } from '../../libs/kernel/dist/unit/unit-request-hooks.js';
import { LAYER_NAMES } from './kernel-layers.constants.mjs';
import { ECHO_BODY, serveUntilStopped } from './serve-until-stopped.mjs';

const PLUGIN = 'bench-echo';
const layers = Number(process.env.BENCH_LAYERS ?? LAYER_NAMES.length);
const has = (name) => LAYER_NAMES.indexOf(name) < layers;

class EchoController {
  echo() {
    return ECHO_BODY;
  }
}
Endpoint('GET', '/echo', { public: true })(EchoController.prototype, 'echo', Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo'));
Controller()(EchoController);
class EchoModule {}
Module({ controllers: [EchoController] })(EchoModule);

const host = has('host dispatcher') ? new HostServer() : undefined;
let unitHandler;
const adapter = new FastifyAdapter({
  ...(has('request hooks') ? httpServerOptions({ bodyLimit: 1_048_576 }) : {}),
  // As the kernel does: Fastify's handler is captured and called by the dispatcher.
  ...(host ? { serverFactory: (handler) => ((unitHandler = handler), host.server) } : {}),
});
const app = await NestFactory.create(EchoModule, adapter, { logger: false });
app.setGlobalPrefix(`plugins/${PLUGIN}`);
const fastify = app.getHttpAdapter().getInstance();
const pipes = [];
if (has('request hooks')) {
  configureHttpApp(app, { logger: createLogger({ level: 'warn', format: 'json' }), metrics: new HttpMetrics(), plugin: PLUGIN });
}
if (has('endpoint guard')) app.useGlobalGuards(new PluginEndpointGuard(PLUGIN, () => undefined));
if (has('rate + time limit')) {
  // As the kernel does (unit-request-hooks.ts): the manifest's rate_limit and timeout_seconds.
  installUnitRequestHooks(fastify, { plugin: PLUGIN, rateLimit: { calls: 1_000_000_000, period_seconds: 3600 }, timeoutMs: 5_000 });
}
if (has('direct endpoint')) {
  // As the kernel does (direct-endpoints.ts): the endpoint leaves Nest's router for a direct handler.
  const direct = planDirectEndpoints(app, { pipes, guards: [], interceptors: [] }, { plugin: PLUGIN, authenticator: () => undefined });
  fastify.addHook('onRoute', (route) => direct.onRoute(route));
}
await app.init();
await fastify.ready();

let url;
if (host) {
  const dispatcher = new PluginDispatcher(() => ({ status: 404, code: 'PLUGIN_NOT_FOUND', message: 'none' }));
  await dispatcher.mount({ name: PLUGIN, handle: unitHandler }, 1_000);
  host.useRouters([dispatcher]);
  const address = await host.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${address.port}`;
} else {
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
}
serveUntilStopped(url, async () => {
  if (host) await host.drain(1_000);
  await app.close();
});
