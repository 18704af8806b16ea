import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { PinoNestLogger } from './pino-nest-logger.service.js';

function setup(options?: ConstructorParameters<typeof PinoNestLogger>[1]) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { lines, nest: new PinoNestLogger(logger, options) };
}

describe('PinoNestLogger', () => {
  it('maps Nest levels and contexts onto pino lines', () => {
    const { lines, nest } = setup();
    nest.log('ready', 'UsersService');
    nest.warn('slow', 'Db');
    nest.error('boom', 'Error: boom\n    at x', 'Db');
    expect(lines).toMatchObject([
      { level: 30, msg: 'ready', context: 'UsersService' },
      { level: 40, msg: 'slow', context: 'Db' },
      { level: 50, msg: 'boom', context: 'Db', stack: 'Error: boom\n    at x' },
    ]);
  });

  it('serialises Error objects and demotes Nest boot chatter to debug', () => {
    const { lines, nest } = setup();
    nest.error(new Error('broken'), undefined, 'ExceptionHandler');
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'broken', err: { message: 'broken', type: 'Error' } });
    expect(lines[1]).toMatchObject({ level: 20, context: 'RouterExplorer' });
  });

  it('drops ignored contexts', () => {
    const { lines, nest } = setup({ ignoreContexts: ['ExceptionHandler'] });
    nest.error(new Error('reported elsewhere'), undefined, 'ExceptionHandler');
    expect(lines).toEqual([]);
  });
});
