import { KAFKA_CLIENT } from '@pipeline/kafka';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Admin, Kafka } from 'kafkajs';

/**
 * One kafkajs admin client for the app's lag reads and health checks, made from the app's own
 * `KAFKA_CLIENT` (so it shares brokers, TLS and SASL settings) and connected on first use; a failed
 * connection is retried on the next use. The client is looked up in whichever module provides it, as
 * terminus's database indicators do, so this library needs no import of the app's Kafka module.
 */
@Injectable()
export class KafkaAdminConnection implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** True when the app provides a Kafka client at all. */
  get available(): boolean {
    return this.client() !== undefined;
  }

  get(): Promise<Admin> {
    this.admin ??= this.connect().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    this.admin = undefined;
    await admin?.disconnect();
  }

  private async connect(): Promise<Admin> {
    const client = this.client();
    if (!client) throw new Error('no KAFKA_CLIENT provider in this app');
    const admin = client.admin();
    await admin.connect();
    return admin;
  }

  private client(): Kafka | undefined {
    try {
      return this.moduleRef.get<Kafka>(KAFKA_CLIENT, { strict: false });
    } catch {
      return undefined;
    }
  }
}
