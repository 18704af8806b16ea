import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it, vi } from 'vitest';
import { CacheModule } from './cache.module.js';
import { CacheService } from './cache.service.js';

const redisUrl = process.env.REDIS_URL;
const store = redisUrl ? 'redis' : 'memory';

@Injectable()
class ProfileCache {
  constructor(readonly cache: CacheService) {}
}

// A feature module that does not import CacheModule: the cache is global.
@Module({ providers: [ProfileCache], exports: [ProfileCache] })
class ProfilesModule {}

const CONFIG = Symbol('CONFIG');

@Module({ providers: [{ provide: CONFIG, useValue: { keyPrefix: `async-${randomUUID()}:`, redisUrl } }], exports: [CONFIG] })
class ConfigModule {}

describe('CacheModule', () => {
  it('provides one CacheService to every module and closes it on application shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ redisUrl, keyPrefix: `module-${randomUUID()}:` }), ProfilesModule],
    }).compile();
    const app = await moduleRef.init();
    const cache = app.get(CacheService);
    expect(app.get(ProfileCache).cache).toBe(cache);

    await cache.namespace('profiles').set('1', { name: 'Ada' });
    expect(await app.get(ProfileCache).cache.get('profiles:1')).toEqual({ name: 'Ada' });
    expect(await cache.health()).toEqual({ status: 'up', store });

    await cache.clear();
    const close = vi.spyOn(cache, 'close');
    await app.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(await cache.health()).toMatchObject({ status: 'degraded', error: 'The cache is closed.' });
  });

  it('takes its options from other providers with forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CacheModule.forRootAsync({ imports: [ConfigModule], inject: [CONFIG], useFactory: (config: { keyPrefix: string }) => config })],
    }).compile();
    const cache = moduleRef.get(CacheService);
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    await cache.clear();
    await moduleRef.close();
  });

  it('fails the boot on invalid options, naming the option', async () => {
    const boot = Test.createTestingModule({ imports: [CacheModule.forRoot({ operationTimeoutMs: 0 })] }).compile();
    await expect(boot).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('operationTimeoutMs') });
  });
});
