import { createServer, ServerResponse, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostRequestRouter } from './host-request-router.interface.js';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** How a drain ended: `cut` counts the connections whose request was still running when the time ran out. */
export interface DrainResult {
  cut: number;
}

/**
 * The one http.Server of the process. Fastify's `serverFactory` hands us the core app's
 * handler; routers (the plugin dispatcher) get the first look at each request. The
 * routers are attached after the Nest app is built, because they live inside it.
 * The host also owns listening and draining, so a shutdown covers plugin requests too.
 *
 * Draining needs no bookkeeping per request: while draining, every answer says
 * `connection: close` (the server's own ServerResponse class adds it in writeHead), so
 * each connection closes after its current answer and the server's close() completes
 * with the last one.
 */
export class HostServer {
  readonly server: Server;
  private coreHandler: RequestHandler | undefined;
  private routers: HostRequestRouter[] = [];
  private draining = false;

  constructor() {
    const host = this;
    // Node's documented hook for its responses: every answer passes through writeHead (end() calls it too).
    class DrainAwareResponse extends ServerResponse {
      // Named parameters, not ...args: this runs for every answer and a rest array would be an allocation each time.
      override writeHead(statusCode: number, reasonOrHeaders?: unknown, headers?: unknown): this {
        // Node ends the connection after an answer that says `connection: close`; without it an
        // idle keep-alive socket would hold the drain open until its keep-alive timeout.
        if (host.draining) this.setHeader('connection', 'close');
        return super.writeHead(statusCode, reasonOrHeaders as string, headers as OutgoingHttpHeaders);
      }
    }
    this.server = createServer({ ServerResponse: DrainAwareResponse }, (request, response) => this.dispatch(request, response));
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
   * `timeoutMs`; then cuts whatever is left. Idle keep-alive connections close at once, busy
   * ones as soon as their current answer is sent, so clients reconnect elsewhere.
   */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.draining = true;
    // close() also closes the connections idle right now (Node ≥ 19).
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return { cut: 0 };
    // What is still open now is busy: an idle connection would have been closed.
    const cut = await new Promise<number>((resolve) => this.server.getConnections((error, count) => resolve(error ? 0 : count)));
    this.server.closeAllConnections();
    await closed;
    return { cut };
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
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
