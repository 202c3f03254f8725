import { ClvModelSnapshot, parseClvModelSnapshot } from '@pipeline/journey-domain';
import { REDIS_CLIENT, modelKey } from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

/** The stored CLV models: the current snapshot the stream reads, and the history of past fits. */
@Injectable()
export class ClvModelRepository {
  private readonly logger = new Logger(ClvModelRepository.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | Cluster,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  /** The current snapshot; undefined before the first fit (or when it is unreadable, with a warning). */
  async current(): Promise<ClvModelSnapshot | undefined> {
    const text = await this.redis.get(modelKey(this.settings.redisKeyPrefix, 'clv'));
    const snapshot = parseClvModelSnapshot(text);
    if (text !== null && !snapshot) this.logger.warn('the stored CLV model is unreadable');
    return snapshot;
  }

  /**
   * Makes `snapshot` current and records it in the history, newest first, keeping the last
   * `historyLength` fits. Current first: the stream should use a new fit as soon as it exists.
   */
  async save(snapshot: ClvModelSnapshot): Promise<void> {
    const text = JSON.stringify(snapshot);
    const history = modelKey(this.settings.redisKeyPrefix, 'clv:history');
    await this.redis.set(modelKey(this.settings.redisKeyPrefix, 'clv'), text);
    await this.redis.lpush(history, text);
    await this.redis.ltrim(history, 0, this.settings.refit.historyLength - 1);
  }
}
