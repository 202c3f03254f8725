import { createHash } from 'node:crypto';
import type { ApiKeyGrant } from './api-key-grant';
import { ApiKeyRegistry } from './api-key.registry';

function grant(id: string, key: string, origins: string[] = []): ApiKeyGrant {
  return {
    id,
    sha256: createHash('sha256').update(key).digest(),
    eventTypes: '*',
    named: new Set(),
    identify: false,
    corsOrigins: new Set(origins),
    ratePerMinute: 60,
  };
}

describe(ApiKeyRegistry.name, () => {
  const registry = new ApiKeyRegistry([
    grant('shop-eu', 'key-eu-0123456789', ['https://eu.shop.example']),
    grant('shop-us', 'key-us-0123456789', ['https://us.shop.example', 'https://eu.shop.example']),
  ]);

  it('finds the grant of a configured key by its hash', () => {
    expect(registry.find('key-us-0123456789')?.id).toBe('shop-us');
  });

  it('knows no unknown key, nor a configured hash presented as the key', () => {
    expect(registry.find('key-eu-012345678')).toBeUndefined();
    expect(registry.find(createHash('sha256').update('key-eu-0123456789').digest('hex'))).toBeUndefined();
  });

  it('lists every origin some key allows', () => {
    expect([...registry.allowedOrigins()].sort()).toEqual([
      'https://eu.shop.example',
      'https://us.shop.example',
    ]);
  });
});
