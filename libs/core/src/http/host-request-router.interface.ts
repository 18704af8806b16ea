import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A router that sees every request before the core Nest app does. The kernel registers
 * one that serves `/plugins/<name>/...` from each plugin's own unit, so plugins can be
 * swapped while the host's single listening socket stays open.
 * `handle` returns true when it took the request.
 */
export interface HostRequestRouter {
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

/** Multi-provider token: every HostRequestRouter registered in the host app. */
export const HOST_REQUEST_ROUTERS = Symbol.for('tessera.host-request-routers');
