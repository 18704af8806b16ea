/**
 * True for a promise or any other thenable. Primitives are ruled out before the property
 * lookup: hook payloads and handler results are often strings or numbers, on hot paths.
 *
 * @example
 * if (isThenable(result)) return result.then(send);
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
