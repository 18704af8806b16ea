import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../config/configuration.error.js';
import { describeBootFailure } from './boot-failure.js';

describe('describeBootFailure', () => {
  it("keeps the first line of the error's message and never a stack", () => {
    const error = new Error('Cannot connect to PostgreSQL at db:5432.\nmore detail');
    expect(describeBootFailure(error)).toBe('Tessera could not start: Cannot connect to PostgreSQL at db:5432.');
    expect(describeBootFailure(new ConfigurationError([{ variable: 'PORT', expected: 'an integer', received: 'x' }]))).toMatch(
      /^Tessera could not start: Invalid configuration: PORT must be an integer \(got "x"\)/,
    );
  });

  it('explains a taken or forbidden port', () => {
    const listen = { port: 8082, host: '0.0.0.0' };
    expect(describeBootFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), listen)).toBe(
      'Tessera could not start: port 8082 is already in use on 0.0.0.0. Stop the other process or set PORT to a free port.',
    );
    expect(describeBootFailure(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), listen)).toContain('not allowed to listen');
  });

  it('copes with things that are not errors', () => {
    expect(describeBootFailure('boom')).toBe('Tessera could not start: boom');
  });
});
