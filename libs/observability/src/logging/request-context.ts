import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '../observability.constants.js';

/** What the logging mixin can see while a request is being served. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

// A client-supplied id ends up in every log line of the request: accept only short ids
// made of safe characters so a header cannot forge extra log fields or lines.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:@\-]{1,128}$/;

// Fastify's genReqId and our hooks both ask for the id of the same request; remembering it
// per raw request makes them agree even when the id had to be generated.
const idsByRequest = new WeakMap<IncomingMessage, string>();

/**
 * The id of a request: the incoming `x-request-id` when it is acceptable, a fresh UUID
 * otherwise. Asking twice for the same request gives the same answer.
 *
 * @example
 * const id = requestIdFor(request.raw); // 'a4c1…' or the client's own id
 */
export function requestIdFor(request: IncomingMessage): string {
  const known = idsByRequest.get(request);
  if (known) return known;
  const header = request.headers[REQUEST_ID_HEADER];
  const incoming = Array.isArray(header) ? header[0] : header;
  const id = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  idsByRequest.set(request, id);
  return id;
}

/**
 * Runs `callback` with `context` visible to every log line written from it (and from
 * anything it awaits).
 *
 * @example
 * runWithRequestContext({ requestId: 'job-42' }, () => logger.info('picked up'));
 */
export function runWithRequestContext<T>(context: RequestContext, callback: () => T): T {
  return storage.run(context, callback);
}

/**
 * The id of the request being served, if any.
 *
 * @example
 * throw new TesseraError('INTERNAL_ERROR', `See the log for request ${currentRequestId()}.`);
 */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
