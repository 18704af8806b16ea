/** SQLSTATE of a unique constraint violation, the same on PostgreSQL and PGlite. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when a write failed because it broke a unique constraint (a TypeORM QueryFailedError
 * or a raw `pg` error), so callers can answer 409 instead of 500.
 *
 * @example
 * try {
 *   await users.insert({ email });
 * } catch (error) {
 *   if (isUniqueViolation(error)) throw new TesseraError('CONFLICT', `${email} is already registered.`);
 *   throw error;
 * }
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  return code === UNIQUE_VIOLATION || driverError?.code === UNIQUE_VIOLATION;
}
