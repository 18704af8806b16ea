import { describe, expect, it } from 'vitest';
import { resolveCacheOptions } from './cache-options.js';

describe('resolveCacheOptions', () => {
  it('selects the memory store with the default prefix and timeout when nothing is set', () => {
    expect(resolveCacheOptions({})).toEqual({ redisUrl: undefined, defaultTtlSeconds: undefined, operationTimeoutMs: 500, keyPrefix: 'tessera:' });
    expect(resolveCacheOptions({ redisUrl: '  ' }).redisUrl).toBeUndefined();
  });

  it('keeps the given values', () => {
    expect(resolveCacheOptions({ redisUrl: 'rediss://cache:6380/2', defaultTtlSeconds: 30, operationTimeoutMs: 200, keyPrefix: '' })).toEqual({
      redisUrl: 'rediss://cache:6380/2',
      defaultTtlSeconds: 30,
      operationTimeoutMs: 200,
      keyPrefix: '',
    });
  });

  it('refuses invalid values with a message naming the option', () => {
    const cases = [
      [{ redisUrl: 'localhost:6379' }, 'redisUrl'],
      [{ defaultTtlSeconds: 0 }, 'defaultTtlSeconds'],
      [{ operationTimeoutMs: Number.NaN }, 'operationTimeoutMs'],
      [{ keyPrefix: 5 as unknown as string }, 'keyPrefix'],
    ] as const;
    for (const [options, field] of cases) {
      expect(() => resolveCacheOptions(options), field).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', message: expect.stringContaining(`"${field}"`) }));
    }
  });
});
