import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { PluginDispatcher } from './plugin-dispatcher.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Puts the plugin dispatcher in front of an existing Nest app's HTTP server, for teams that
 * import PluginLoaderModule into their own backend instead of running Tessera's host:
 * `/plugins/<name>/...` goes to the plugin units, everything else to the app as before.
 * Call it once, after `NestFactory.create` and before `listen`.
 *
 * @example
 * const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
 * mountPluginDispatcher(app);
 * await app.listen(3000);
 */
export function mountPluginDispatcher(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const dispatcher = app.get(PluginDispatcher, { strict: false });
  const appListeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (dispatcher.handle(request, response)) return;
    for (const listener of appListeners) listener.call(server, request, response);
  });
}
