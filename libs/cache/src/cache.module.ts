import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CacheService } from './cache.service.js';
import { createCacheService } from './cache-service.factory.js';
import type { CacheOptions } from './cache-options.interface.js';
import { CACHE_ASYNC_OPTIONS_TYPE, CACHE_OPTIONS, ConfigurableCacheModule } from './cache.module-definition.js';

/**
 * Provides {@link CacheService} to the whole application (global module): memory by default, Redis
 * when `redisUrl` is set. The connection is opened at boot (a down Redis does not stop the boot) and
 * closed on application shutdown.
 *
 * @example
 * @Module({ imports: [CacheModule.forRoot({ redisUrl: process.env.REDIS_URL, defaultTtlSeconds: 300 })] })
 * export class AppModule {}
 *
 * // options from other providers:
 * CacheModule.forRootAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ redisUrl: config.get('REDIS_URL') }) });
 */
@Global()
@Module({
  providers: [{ provide: CacheService, useFactory: (options: CacheOptions) => createCacheService(options), inject: [CACHE_OPTIONS] }],
  exports: [CacheService],
})
export class CacheModule extends ConfigurableCacheModule {
  /** Registers the cache with fixed options. */
  static forRoot(options: CacheOptions): DynamicModule {
    return super.forRoot(options);
  }

  /** Registers the cache with options built by a factory from other providers (`imports`, `inject`, `useFactory`). */
  static forRootAsync(options: typeof CACHE_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
