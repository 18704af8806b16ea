import { ParseUUIDPipe } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';

/**
 * Parses a uuid path parameter; anything else is a 400 VALIDATION_ERROR naming the parameter,
 * never a database error.
 *
 * @example
 * @Endpoint('GET', '/:id') get(@Param('id', uuidParam()) id: string) { ... }
 */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () => new TesseraError('VALIDATION_ERROR', `Invalid request: ${name} must be a uuid.`, [{ field: name, constraints: { isUuid: `${name} must be a uuid` } }]),
  });
