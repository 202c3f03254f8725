import { Logger, type LoggerService } from '@nestjs/common';
import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';

/** Kafka's default `message.max.bytes`: what a limit that could not be read is taken to be. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** The largest record batch a topic accepts, known without waiting. */
export interface MessageSizeLimit {
  /** The limit in bytes as last read (or assumed); never blocks. */
  current(): number;
}

/** A limit given outright: tests, tools, and callers that read it some other way. */
export class FixedMessageSizeLimit implements MessageSizeLimit {
  constructor(private readonly bytes: number) {}

  current(): number {
    return this.bytes;
  }
}

/** Options of {@link TopicMessageSizeLimit}. */
export interface TopicMessageSizeLimitOptions {
  /** How long a read value is trusted before `current()` reads it again in the background (10 min). */
  readonly maxAgeMs?: number;
  readonly logger?: LoggerService;
}

/**
 * A topic's record size limit as the broker enforces it: the topic's `max.message.bytes` (which is the
 * broker's `message.max.bytes` unless the topic overrides it), read with the admin API's
 * describeConfigs, else the broker's `message.max.bytes`, else Kafka's default 1,048,588 (with a
 * warning). `refresh()` reads it; `current()` answers at once from the last read and starts a new one
 * in the background once it is older than `maxAgeMs`. Call `refresh()` once at start, after the topic
 * exists.
 */
export class TopicMessageSizeLimit implements MessageSizeLimit {
  private bytes: number | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<number> | undefined;
  private readonly maxAgeMs: number;
  private readonly logger: LoggerService;

  /**
   * @param kafka the client to open a short-lived admin connection with
   * @param topic the topic as the broker names it (topic prefix included)
   */
  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    options: TopicMessageSizeLimitOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.logger = options.logger ?? new Logger(TopicMessageSizeLimit.name);
  }

  current(): number {
    if (Date.now() - this.readAt > this.maxAgeMs && !this.reading) void this.refresh();
    return this.bytes ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Reads the limit now (one read at a time); resolves with it, or with the last known one on failure. */
  refresh(): Promise<number> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<number> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      this.bytes = await this.topicLimit(admin).catch(() => this.brokerLimit(admin));
    } catch (error) {
      this.logger.warn(
        `cannot read max.message.bytes of ${this.topic} (${(error as Error).message}); ` +
          `assuming ${this.bytes ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES} bytes`,
      );
    } finally {
      this.readAt = Date.now();
      await admin.disconnect().catch(() => undefined);
    }
    return this.bytes ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  private async topicLimit(admin: Admin): Promise<number> {
    return configValue(
      await admin.describeConfigs({
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: this.topic, configNames: ['max.message.bytes'] },
        ],
        includeSynonyms: false,
      }),
      'max.message.bytes',
    );
  }

  private async brokerLimit(admin: Admin): Promise<number> {
    const { brokers } = await admin.describeCluster();
    const broker = brokers[0];
    if (!broker) throw new Error('the cluster lists no broker');
    return configValue(
      await admin.describeConfigs({
        resources: [
          {
            type: ConfigResourceTypes.BROKER,
            name: String(broker.nodeId),
            configNames: ['message.max.bytes'],
          },
        ],
        includeSynonyms: false,
      }),
      'message.max.bytes',
    );
  }
}

function configValue(
  described: { resources: Array<{ configEntries: Array<{ configName: string; configValue: string }> }> },
  name: string,
): number {
  const entry = described.resources[0]?.configEntries.find((e) => e.configName === name);
  const bytes = Number(entry?.configValue);
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new Error(`${name} is ${JSON.stringify(entry?.configValue)}`);
  return bytes;
}
