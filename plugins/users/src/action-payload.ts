import { ActionError, isTesseraError } from '@tessera/sdk';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ACTION_ERRORS } from './users.constants.js';

/**
 * Validates an action payload with the same DTO and rules as the HTTP endpoint (unknown
 * fields refused); a bad payload is `validation_error` with the broken rules in the message.
 *
 * @example
 * const body = await validatePayload(RegisterDto, payload);
 */
export async function validatePayload<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  const plain = payload ?? {};
  if (typeof plain !== 'object' || Array.isArray(plain)) {
    throw new ActionError(ACTION_ERRORS.validation, `Invalid payload: it must be an object (got ${Array.isArray(plain) ? 'an array' : typeof plain}).`);
  }
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new ActionError(ACTION_ERRORS.validation, `Invalid payload: ${messages.join('; ')}.`);
  }
  return instance;
}

const CODES: Record<string, string> = {
  VALIDATION_ERROR: ACTION_ERRORS.validation,
  NOT_FOUND: ACTION_ERRORS.notFound,
  UNAUTHORIZED: ACTION_ERRORS.authFailed,
  RATE_LIMITED: ACTION_ERRORS.rateLimited,
};

/**
 * Runs an action's work and turns the HTTP-flavoured errors of the shared services into the
 * action codes callers switch on (`validation_error`, `not_found`, `auth_failed`,
 * `rate_limited`); anything else keeps its own code.
 *
 * @example
 * return asAction(() => this.users.register(body));
 */
export async function asAction<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTesseraError(error) && CODES[error.code]) throw new ActionError(CODES[error.code], error.message);
    throw error;
  }
}
