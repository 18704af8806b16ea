import { TesseraError } from '@tessera/sdk';

/** One invalid field, as listed in a VALIDATION_ERROR's details. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A VALIDATION_ERROR whose message names the fields and says what was expected. */
export function invalid(what: string, problems: FieldProblem[]): TesseraError {
  const list = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new TesseraError('VALIDATION_ERROR', `${what}: ${list}.`, problems);
}
