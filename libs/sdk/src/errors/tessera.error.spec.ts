import { describe, expect, it } from 'vitest';
import { TesseraError, isTesseraError } from './tessera.error.js';

describe('TesseraError', () => {
  it('takes its HTTP status from the catalogue and renders the envelope body', () => {
    const error = new TesseraError('PLUGIN_NOT_FOUND', 'Plugin "x" is not installed.');
    expect(error.status).toBe(404);
    expect(error.toBody()).toEqual({ code: 'PLUGIN_NOT_FOUND', message: 'Plugin "x" is not installed.' });
    expect(isTesseraError(error)).toBe(true);
    expect(isTesseraError(new Error('plain'))).toBe(false);
  });

  it('keeps details when given', () => {
    const error = new TesseraError('VALIDATION_ERROR', 'bad', [{ field: 'email' }]);
    expect(error.status).toBe(400);
    expect(error.toBody().details).toEqual([{ field: 'email' }]);
  });
});
