import { ClvModelSnapshot, parseClvModelSnapshot } from '@pipeline/journey-domain';
import { REDIS_CLIENT, modelKey } from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';

/**
 * The latest fitted CLV models, as the scheduled refit stored them, reread at most every
 * `modelRefreshMs` so a batch never waits on it. Until the first fit there is none, and the stream
 * emits simple CLV only.
 */
@Injectable()
export class ClvModelCache {
  private readonly logger = new Logger(ClvModelCache.name);
  private snapshot: ClvModelSnapshot | undefined;
  private readAt = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | Cluster,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
  ) {}

  async current(now = Date.now()): Promise<ClvModelSnapshot | undefined> {
    if (now - this.readAt < this.settings.modelRefreshMs) return this.snapshot;
    const text = await this.redis.get(modelKey(this.settings.redisKeyPrefix, 'clv'));
    const next = parseClvModelSnapshot(text);
    if (text !== null && !next) this.logger.warn('stored CLV model is unreadable; keeping the previous one');
    if (next && next.version !== this.snapshot?.version) this.logger.log(`using CLV model ${next.version}`);
    this.snapshot = next ?? this.snapshot;
    this.readAt = now;
    return this.snapshot;
  }
}
