import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { createRedisClient } from '../client/create-redis-client';
import { JourneyErasureRepository } from '../journey-state/journey-erasure.repository';
import { JourneyLinkRepository } from '../journey-state/journey-link.repository';
import { JourneyStateRepository } from '../journey-state/journey-state.repository';
import { AudienceIndexRepository } from '../audiences/audience-index.repository';
import { JourneyIndexRepository } from '../indexes/journey-index.repository';
import { REDIS_STORE_OPTIONS, RedisStoreConfigurableModule } from './redis-store.module-definition';
import type { RedisStoreModuleOptions } from './redis-store.module-options';
import { REDIS_CLIENT } from './redis-store.tokens';

/**
 * The journey store: provides the raw client under {@link REDIS_CLIENT}, a
 * {@link JourneyStateRepository}, the population indexes, and the link and erasure repositories. Register with `RedisStoreModule.forRootAsync({ useFactory, inject })`
 * (or `forRoot`); `isGlobal: true` makes both visible to every module. The client is QUIT on
 * application shutdown, after in-flight commands have been answered.
 */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [REDIS_STORE_OPTIONS],
      useFactory: (options: RedisStoreModuleOptions): Redis | Cluster => createRedisClient(options.client),
    },
    {
      provide: JourneyIndexRepository,
      inject: [REDIS_CLIENT, REDIS_STORE_OPTIONS],
      useFactory: (client: Redis | Cluster, options: RedisStoreModuleOptions) =>
        new JourneyIndexRepository(client, options.keyPrefix, options.indexEntriesOfStoredJourney),
    },
    {
      provide: AudienceIndexRepository,
      inject: [REDIS_CLIENT, REDIS_STORE_OPTIONS],
      useFactory: (client: Redis | Cluster, options: RedisStoreModuleOptions) =>
        new AudienceIndexRepository(client, options.keyPrefix),
    },
    {
      provide: JourneyStateRepository,
      inject: [REDIS_CLIENT, REDIS_STORE_OPTIONS],
      useFactory: (client: Redis | Cluster, options: RedisStoreModuleOptions) =>
        new JourneyStateRepository(client, options.keyPrefix, options.repository),
    },
    {
      provide: JourneyLinkRepository,
      inject: [REDIS_CLIENT, REDIS_STORE_OPTIONS],
      useFactory: (client: Redis | Cluster, options: RedisStoreModuleOptions) =>
        new JourneyLinkRepository(client, options.keyPrefix),
    },
    {
      provide: JourneyErasureRepository,
      inject: [REDIS_CLIENT, REDIS_STORE_OPTIONS],
      useFactory: (client: Redis | Cluster, options: RedisStoreModuleOptions) =>
        new JourneyErasureRepository(client, options.keyPrefix),
    },
  ],
  exports: [
    REDIS_CLIENT,
    JourneyStateRepository,
    JourneyIndexRepository,
    AudienceIndexRepository,
    JourneyLinkRepository,
    JourneyErasureRepository,
  ],
})
export class RedisStoreModule extends RedisStoreConfigurableModule implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisStoreModule.name);

  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | Cluster) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status === 'end') return;
    try {
      await this.client.quit();
    } catch (error: unknown) {
      // QUIT needs a live connection; a client still reconnecting is simply dropped.
      this.logger.warn(
        `QUIT failed (${error instanceof Error ? error.message : String(error)}); disconnecting`,
      );
      this.client.disconnect();
    }
  }
}
