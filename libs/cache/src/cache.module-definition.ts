import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CacheOptions } from './cache-options.interface.js';

export const {
  ConfigurableModuleClass: ConfigurableCacheModule,
  MODULE_OPTIONS_TOKEN: CACHE_OPTIONS,
  ASYNC_OPTIONS_TYPE: CACHE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CacheOptions>().setClassMethodName('forRoot').build();
