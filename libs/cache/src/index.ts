export { CacheModule } from './cache.module.js';
export { CacheService } from './cache.service.js';
export { createCacheService } from './cache-service.factory.js';
export type { CacheOptions } from './cache-options.interface.js';
export type { CacheHealth, CacheStore } from './cache-store.interface.js';
