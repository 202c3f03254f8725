import { Test } from '@nestjs/testing';
import { JourneyStateRepository, REDIS_CLIENT, RedisStoreModule } from '@pipeline/redis-store';
import { testInfra, testNamespace } from '@pipeline/testing';
import type { Cluster, Redis } from 'ioredis';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

describe(RedisStoreModule.name, () => {
  const infra = testInfra();
  const ns = testNamespace('redis-store-module');

  it('provides the client and the repository from async options and quits the client on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisStoreModule.forRootAsync({
          useFactory: () => ({
            client: { url: infra.redisUrl, connectionName: ns.id },
            keyPrefix: ns.redisPrefix,
            indexEntriesOfStoredJourney: () => [],
          }),
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication();
    app.enableShutdownHooks();
    await app.init();
    const client = app.get<Redis | Cluster>(REDIS_CLIENT);
    const repository = app.get(JourneyStateRepository);

    try {
      await expect(
        repository.commitMany([{ customerId: 'c-1', expectedVersion: 0, data: '{}', outbox: [] }]),
      ).resolves.toEqual([{ customerId: 'c-1', status: 'committed', version: 1 }]);
      expect(await client.get(`${ns.redisPrefix}nothing`)).toBeNull();
    } finally {
      await deleteKeysWithPrefix(client, ns.redisPrefix);
      await app.close();
    }

    // QUIT resolves on the server's OK; the socket closes just after.
    await waitFor(() => client.status === 'end');
    expect(client.status).toBe('end');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
