import { ParseUUIDPipe } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';

/** Parses a uuid path parameter; anything else is `VALIDATION_ERROR` rather than a database error. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => new TesseraError('VALIDATION_ERROR', `The path parameter "${name}" must be a uuid.`, [{ field: name }]) });
