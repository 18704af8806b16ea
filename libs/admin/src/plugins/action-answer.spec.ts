import { describe, expect, it } from 'vitest';
import { actionError } from './action-answer.js';

describe('actionError', () => {
  it('keeps a catalogue code and its status', () => {
    expect(actionError({ code: 'PLUGIN_COMMUNICATION_TIMEOUT', message: 'late' })).toMatchObject({ code: 'PLUGIN_COMMUNICATION_TIMEOUT', status: 408 });
    expect(actionError({ code: 'ACTION_NOT_FOUND', message: 'no' })).toMatchObject({ code: 'ACTION_NOT_FOUND', status: 404 });
  });

  it("answers a plugin's own code as ACTION_FAILED with the code in details, even one named like an object member", () => {
    expect(actionError({ code: 'not_found', message: 'gone' }).toBody()).toEqual({ code: 'ACTION_FAILED', message: 'gone', details: { plugin_error_code: 'not_found' } });
    expect(actionError({ code: 'constructor', message: 'odd' })).toMatchObject({ code: 'ACTION_FAILED', status: 500 });
  });
});
