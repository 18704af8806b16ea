import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';

/** One invalid field in the `details` of a VALIDATION_ERROR. */
export interface FieldError {
  /** Dotted path of the field, e.g. `address.city` or `items.0.qty`. */
  field: string;
  /** The failed rules and their messages, e.g. `{ isEmail: 'email must be an email' }`. */
  constraints: Record<string, string>;
}

/**
 * The validation pipe of the host and of every plugin unit: DTOs are transformed, unknown
 * fields are rejected (a typo in a field name is an error, not a silent no-op), and a
 * failure is a 400 VALIDATION_ERROR listing each field.
 *
 * @example
 * app.useGlobalPipes(createValidationPipe());
 * // 400 { code: 'VALIDATION_ERROR', message: 'Invalid request: email must be an email.', details: [{ field: 'email', constraints: { isEmail: '...' } }] }
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const messages = fields.flatMap((field) => Object.values(field.constraints));
      return new TesseraError('VALIDATION_ERROR', `Invalid request: ${messages.join('; ')}.`, fields);
    },
  });
}

/**
 * Flattens class-validator's nested errors into one entry per invalid field.
 *
 * @example
 * flattenValidationErrors(await validate(dto)); // [{ field: 'address.city', constraints: { isString: '...' } }]
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, constraints: { ...error.constraints } }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
