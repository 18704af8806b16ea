import { randomBytes, randomUUID } from 'node:crypto';
import { createCacheService, type CacheService } from '@tessera/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import { RevocationService } from './revocation.service.js';

describe('RevocationService', () => {
  const options = resolveAuthOptions({ dataDir: '.', accessTtlSeconds: 60 });
  let cache: CacheService;

  beforeAll(async () => {
    // Redis when REDIS_URL is set (a random prefix keeps parallel runs apart), memory otherwise.
    cache = await createCacheService({ redisUrl: process.env.REDIS_URL, keyPrefix: `tessera-test-${randomBytes(4).toString('hex')}:` });
  });
  afterAll(async () => {
    await cache?.namespace('auth').clear();
    await cache?.close();
  });

  it('shares a revocation with every instance through the cache', async () => {
    const instanceA = new RevocationService(options, cache.namespace('auth'));
    const instanceB = new RevocationService(options, cache.namespace('auth'));
    const sessionId = randomUUID();
    expect(await instanceB.isRevoked(sessionId)).toBe(false);
    await instanceA.revoke([sessionId]);
    expect(await instanceB.isRevoked(sessionId)).toBe(true);
  });

  it('without a shared store, still knows its own revocations', async () => {
    const alone = new RevocationService(options);
    const sessionId = randomUUID();
    await alone.revoke([sessionId]);
    expect(await alone.isRevoked(sessionId)).toBe(true);
    expect(await alone.isRevoked(randomUUID())).toBe(false);
  });

  it('forgets a revocation once no access token of the session can still be alive', async () => {
    const alone = new RevocationService(options);
    const sessionId = randomUUID();
    alone.remember([sessionId], new Date(Date.now() - 61_000));
    expect(await alone.isRevoked(sessionId)).toBe(false);
  });
});
