import { isIdentifier } from '@pipeline/contracts';
import { uuidV4EventId } from './event-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4EventId', () => {
  it('draws RFC 4122 version 4 UUIDs that the contract accepts as ids', () => {
    const id = uuidV4EventId();
    expect(id).toMatch(UUID_V4);
    expect(isIdentifier(id)).toBe(true);
  });

  it('never repeats itself in ten thousand draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidV4EventId()));
    expect(ids.size).toBe(10_000);
  });
});
