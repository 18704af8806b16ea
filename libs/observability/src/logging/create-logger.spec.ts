import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { GENERATED_REQUEST_ID as GENERATED_ID, requestIdFor, runWithRequestContext } from './request-context.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

function request(headers: Record<string, string> = {}): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('createLogger', () => {
  it('writes JSON lines that carry the current request id, child loggers included', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ format: 'json', destination });
    const plugin = logger.child({ plugin: 'users' });

    logger.info('booted');
    await runWithRequestContext({ requestId: 'req-7' }, async () => {
      await Promise.resolve();
      plugin.info('user created');
    });

    expect(lines[0]).toMatchObject({ msg: 'booted', level: 30 });
    expect(lines[0]).not.toHaveProperty('reqId');
    expect(lines[1]).toMatchObject({ msg: 'user created', plugin: 'users', reqId: 'req-7' });
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', format: 'json', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});

describe('requestIdFor', () => {
  it('honours an incoming x-request-id and otherwise makes a fresh id each time', () => {
    const incoming = request({ 'x-request-id': 'abc-123' });
    expect(requestIdFor(incoming)).toBe('abc-123');
    const generated = request();
    expect(requestIdFor(generated)).toMatch(GENERATED_ID);
    expect(requestIdFor(generated)).not.toBe(requestIdFor(generated));
  });

  it('replaces an id that could forge log content', () => {
    const hostile = request({ 'x-request-id': 'x\n{"level":60}' });
    expect(requestIdFor(hostile)).toMatch(GENERATED_ID);
  });
});
