import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RedisStoreModuleOptions } from './redis-store.module-options';

export const {
  ConfigurableModuleClass: RedisStoreConfigurableModule,
  MODULE_OPTIONS_TOKEN: REDIS_STORE_OPTIONS,
  OPTIONS_TYPE: REDIS_STORE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: REDIS_STORE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<RedisStoreModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
