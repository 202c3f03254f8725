import { REDIS_CLIENT } from '@pipeline/redis-store';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Cluster, Redis } from 'ioredis';
import { PROBE_TIMEOUT_MS } from './probe-timeout';
import { withTimeout } from './with-timeout';

/** Redis is up when the app's own client (`REDIS_CLIENT`) gets PONG to a PING in time. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** True when the app provides a Redis client at all. */
  get available(): boolean {
    return this.client() !== undefined;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const client = this.client();
    if (!client) return indicator.down({ message: 'no REDIS_CLIENT provider in this app' });
    try {
      await withTimeout(client.ping(), PROBE_TIMEOUT_MS, 'Redis PING');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: errorText(error), connection: client.status });
    }
  }

  private client(): Redis | Cluster | undefined {
    try {
      return this.moduleRef.get<Redis | Cluster>(REDIS_CLIENT, { strict: false });
    } catch {
      return undefined;
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
