import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { JourneyTracker } from '@pipeline/storefront-sdk';

/**
 * Connects the tracker at boot (an unreachable broker fails the start, not the first request) and
 * closes it on shutdown, after the HTTP server stopped taking requests, so every accepted event is
 * flushed to Kafka before the process exits.
 */
@Injectable()
export class JourneyTrackerLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(JourneyTracker) private readonly tracker: JourneyTracker) {}

  async onModuleInit(): Promise<void> {
    await this.tracker.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tracker.close();
  }
}
