import { INestApplication } from '@nestjs/common';
import { Server } from 'node:http';
import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { startJourneyScheduler } from '../src/journey-scheduler.app';
import { JourneySchedulerConfig, loadJourneySchedulerConfig } from '../src/journey-scheduler.config';

/** The scheduler in-process, in the same topic and key namespace as a processor fixture, timers off. */
export class SchedulerFixture {
  readonly config: JourneySchedulerConfig;
  private app?: INestApplication;

  constructor(processor: ProcessorFixture, env: Record<string, string> = {}) {
    this.config = loadJourneySchedulerConfig({
      KAFKA_BROKERS: processor.config.KAFKA_BROKERS,
      REDIS_URL: processor.config.REDIS_URL,
      KAFKA_TOPIC_PREFIX: processor.config.KAFKA_TOPIC_PREFIX,
      REDIS_KEY_PREFIX: processor.config.REDIS_KEY_PREFIX,
      KAFKA_CLIENT_ID: `js-${processor.ns.id}`,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_TIMERS_ENABLED: 'false',
      ...env,
    });
  }

  async start(): Promise<void> {
    this.app = await startJourneyScheduler(this.config);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async post<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(this.url(path), { method: 'POST' });
    return { status: response.status, body: (await response.json()) as T };
  }

  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(this.url(path));
    return { status: response.status, body: (await response.json()) as T };
  }

  url(path: string): string {
    const address = (this.app?.getHttpServer() as Server | undefined)?.address();
    if (!address || typeof address === 'string') throw new Error('scheduler is not listening');
    return `http://127.0.0.1:${address.port}${path}`;
  }
}
