import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '../observability.constants.js';
import { PromiseContext } from './promise-context.js';

/** What the logging mixin can see while a request is being served. */
export interface RequestContext {
  requestId: string;
}

// Followed through promises, not through timers or emitters: see PromiseContext for why.
const storage = new PromiseContext<RequestContext>();

// A client-supplied id ends up in every log line of the request: accept only short ids
// made of safe characters so a header cannot forge extra log fields or lines.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:@\-]{1,128}$/;

// A generated id is this process's random tag and a counter ('3f9a0c1d2b4e-1a'): unique
// across processes (48 random bits), and ~350 ns cheaper per request than a UUID, whose
// 16 random bytes are formatted into a string of 20 pieces (measured on these machines: 490 vs 140 ns per id written into a header line).
const PROCESS_TAG = randomBytes(6).toString('hex');
let sequence = 0;

/** What a generated request id looks like (for tests and log tooling). */
export const GENERATED_REQUEST_ID = /^[0-9a-f]{12}-[0-9a-z]+$/;

/**
 * The id for a new request: the incoming `x-request-id` when it is acceptable, a fresh id
 * otherwise. Fastify calls it once per request as `genReqId` (see `httpServerOptions`) and
 * keeps the answer as `request.id`, which everything else reads.
 *
 * @example
 * new FastifyAdapter({ genReqId: requestIdFor }); // then request.id is '3f9a0c1d2b4e-1a' or the client's own id
 */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : `${PROCESS_TAG}-${(++sequence).toString(36)}`;
}

/**
 * Runs `callback` with `context` visible to every log line written from it and from the
 * promise callbacks it starts (`await`, `then`); not from `setTimeout`, `setImmediate`,
 * `process.nextTick` or event emitter callbacks.
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
  return storage.get()?.requestId;
}
