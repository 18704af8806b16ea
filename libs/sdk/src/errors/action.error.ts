/**
 * Thrown by an `@Action` handler to answer the caller with
 * `{ ok: false, error: { code, message } }` instead of a generic failure.
 *
 * @example
 * throw new ActionError('not_found', `User ${id} does not exist`);
 */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
