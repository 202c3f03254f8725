import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafkaClient } from './kafka-client.factory';
import { KAFKA_MODULE_OPTIONS, KafkaConfigurableModule } from './kafka-module.definition';
import type { KafkaModuleOptions } from './kafka-module.options';
import { KafkaPublisher } from './kafka.publisher';
import { KAFKA_CLIENT, KAFKA_CONNECTION_OPTIONS } from './kafka.tokens';

/**
 * Provides the connection options (`KAFKA_CONNECTION_OPTIONS`), a kafkajs client (`KAFKA_CLIENT`)
 * and a `KafkaPublisher`, connected on module init. The publisher disconnects on application
 * shutdown, after the transport has closed, so a batch finishing during shutdown can still publish.
 *
 * @example
 * KafkaModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => c.kafka })
 */
@Module({
  providers: [
    {
      provide: KAFKA_CONNECTION_OPTIONS,
      inject: [KAFKA_MODULE_OPTIONS],
      useFactory: (options: KafkaModuleOptions) => options.connection,
    },
    {
      provide: KAFKA_CLIENT,
      inject: [KAFKA_MODULE_OPTIONS],
      useFactory: (options: KafkaModuleOptions): Kafka => createKafkaClient(options.connection),
    },
    {
      provide: KafkaPublisher,
      inject: [KAFKA_CLIENT, KAFKA_MODULE_OPTIONS],
      useFactory: (client: Kafka, options: KafkaModuleOptions) =>
        new KafkaPublisher(client, {
          topicPrefix: options.topicPrefix,
          retries: options.publisherRetries,
        }),
    },
  ],
  exports: [KAFKA_CONNECTION_OPTIONS, KAFKA_CLIENT, KafkaPublisher],
})
export class KafkaModule extends KafkaConfigurableModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(KafkaPublisher) private readonly publisher: KafkaPublisher) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.publisher.connect();
  }

  // Not onModuleDestroy: on SIGTERM Nest runs destroy hooks before it closes the transport.
  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}
