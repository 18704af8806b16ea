import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostRequestRouter } from './host-request-router.interface.js';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** How a drain ended: `cut` counts the requests still running when the time ran out. */
export interface DrainResult {
  cut: number;
}

/**
 * The one http.Server of the process. Fastify's `serverFactory` hands us the core app's
 * handler; routers (the plugin dispatcher) get the first look at each request. The
 * routers are attached after the Nest app is built, because they live inside it.
 * The host also owns listening and draining, so a shutdown covers plugin requests too.
 */
export class HostServer {
  readonly server: Server;
  private coreHandler: RequestHandler | undefined;
  private routers: HostRequestRouter[] = [];
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor() {
    this.server = createServer((request, response) => this.dispatch(request, response));
  }

  /** For FastifyAdapter({ serverFactory }): keep Fastify's handler, give it our server. */
  readonly serverFactory = (handler: RequestHandler): Server => {
    this.coreHandler = handler;
    return this.server;
  };

  useRouters(routers: HostRequestRouter[]): void {
    this.routers = routers;
  }

  /** Starts accepting connections; resolves with the bound address. */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting connections and lets the requests in flight finish, for at most
   * `timeoutMs`; then cuts whatever is left. Keep-alive connections are closed as soon as
   * their current answer is sent, so clients reconnect elsewhere.
   */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.draining = true;
    for (const response of this.inFlight) closeAfterAnswer(response);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return { cut: 0 };
    const cut = this.inFlight.size;
    this.server.closeAllConnections();
    await closed;
    return { cut };
  }

  // One listener for every response (`this` is the response): no closure per request.
  private readonly forget = (() => {
    const inFlight = this.inFlight;
    return function forget(this: ServerResponse): void {
      inFlight.delete(this);
    };
  })();

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    this.inFlight.add(response);
    response.on('close', this.forget); // 'close' comes once per response: no once() wrapper needed
    if (this.draining) closeAfterAnswer(response);

    for (const router of this.routers) {
      if (router.handle(request, response)) return;
    }
    if (this.coreHandler) {
      this.coreHandler(request, response);
      return;
    }
    response.writeHead(503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'The server is still starting. Retry in a moment.' } }));
  }
}

// Node ends the connection after an answer that says `connection: close`; without it an
// idle keep-alive socket would hold the drain open until its keep-alive timeout.
function closeAfterAnswer(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}
