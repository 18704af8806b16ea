import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';
import { PluginDispatcher } from './plugin-dispatcher.js';

function unit(name: string, serve: (req: IncomingMessage, res: ServerResponse) => void): PluginUnit {
  return { name, routes: [], hooks: [], actions: [], tasks: [], healthChecks: [], permissions: [], handle: serve, openApiDocument: () => undefined, dispose: async () => undefined };
}

function get(server: Server, path: string): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpRequest({ port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject).end();
  });
}

describe('PluginDispatcher', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function serve(dispatcher: PluginDispatcher): Promise<Server> {
    server = createServer((req, res) => {
      if (!dispatcher.handle(req, res)) res.writeHead(200).end('core');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return server;
  }

  it('sends /plugins/<name>/… to the mounted unit and the rest to the core', async () => {
    const dispatcher = new PluginDispatcher(() => ({ status: 404, code: 'PLUGIN_NOT_FOUND', message: 'none' }));
    await dispatcher.mount(unit('hello', (_req, res) => res.end('from hello')), 100);
    const s = await serve(dispatcher);
    expect(await get(s, '/plugins/hello/x')).toEqual({ status: 200, body: 'from hello' });
    expect(await get(s, '/plugins/hello?x=1')).toEqual({ status: 200, body: 'from hello' });
    expect(await get(s, '/health')).toEqual({ status: 200, body: 'core' });
    const missing = await get(s, '/plugins/ghost/x');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ success: false, error: { code: 'PLUGIN_NOT_FOUND', message: 'none' } });
  });

  it('lets a request finish on the unit it started on while new requests go to the replacement', async () => {
    const dispatcher = new PluginDispatcher(() => ({ status: 404, code: 'PLUGIN_NOT_FOUND', message: 'none' }));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await dispatcher.mount(unit('p', (_req, res) => void released.then(() => res.end('old'))), 1_000);
    const s = await serve(dispatcher);
    const slow = get(s, '/plugins/p/');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(dispatcher.inFlight('p')).toBe(1);
    const swapped = dispatcher.mount(unit('p', (_req, res) => res.end('new')), 1_000);
    expect(await get(s, '/plugins/p/')).toEqual({ status: 200, body: 'new' });
    let oldReturned = false;
    void swapped.then(() => (oldReturned = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(oldReturned).toBe(false);
    release();
    expect(await slow).toEqual({ status: 200, body: 'old' });
    expect((await swapped)?.name).toBe('p');
  });
});
