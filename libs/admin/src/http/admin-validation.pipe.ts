import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';

/**
 * The admin API's validation: unknown fields are refused, and failures become
 * `VALIDATION_ERROR` with one entry per field, whatever pipe the host app installs.
 */
export function createAdminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const fields = flatten(errors);
      return new TesseraError('VALIDATION_ERROR', `Invalid request: ${fields.map((field) => field.messages.join(', ')).join('; ')}.`, fields);
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
