import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCacheBackend } from './memory-cache.backend.js';

describe('MemoryCacheBackend', () => {
  const backend = new MemoryCacheBackend();
  afterEach(() => backend.close());

  it('sweeps out entries past their ttl even if nobody reads them again', async () => {
    await backend.keyv.set('expiring', 'x', 1);
    await backend.keyv.set('kept', 'y');
    await sleep(5);
    await backend.sweepExpired();
    expect([...(backend.keyv.store as Map<string, unknown>).keys()]).toEqual(['kept']);
  });
});
