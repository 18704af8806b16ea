/**
 * Injection token of the process's root pino logger. Inject it to log with the request id
 * attached automatically, or derive a tagged child (`logger.child({ plugin: 'users' })`).
 */
export const LOGGER = Symbol.for('tessera.logger');

/** Header that carries the request id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';
