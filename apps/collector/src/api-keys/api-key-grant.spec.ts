import { grantsEventType, parseApiKeyGrants } from './api-key-grant';

const HASH = 'a'.repeat(64);
const entry = {
  id: 'shop-eu',
  sha256: HASH,
  eventTypes: ['*'],
  corsOrigins: ['https://shop.example'],
  ratePerMinute: 600,
};

function problemsOf(json: string): readonly string[] {
  const result = parseApiKeyGrants(json);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe(parseApiKeyGrants.name, () => {
  it('reads a key with every event type granted', () => {
    const result = parseApiKeyGrants(JSON.stringify([entry]));
    if (!result.ok) throw new Error(result.problems.join('; '));
    const [grant] = result.grants;
    expect(grant).toMatchObject({ id: 'shop-eu', eventTypes: '*', identify: false, ratePerMinute: 600 });
    expect(grant.sha256.toString('hex')).toBe(HASH);
    expect(grant.corsOrigins.has('https://shop.example')).toBe(true);
  });

  it('reads a key granted a list of event types', () => {
    const result = parseApiKeyGrants(
      JSON.stringify([{ ...entry, eventTypes: ['product_viewed', 'added_to_cart'], corsOrigins: [] }]),
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const [grant] = result.grants;
    expect(grantsEventType(grant, 'product_viewed')).toBe(true);
    expect(grantsEventType(grant, 'order_placed')).toBe(false);
  });

  it('grants identify only by name, beside "*" or a list', () => {
    const result = parseApiKeyGrants(
      JSON.stringify([
        { ...entry, id: 'all-and-identify', sha256: 'b'.repeat(64), eventTypes: ['*', 'identify'] },
        { ...entry, id: 'identify-only', sha256: 'c'.repeat(64), eventTypes: ['identify'] },
      ]),
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const [all, only] = result.grants;
    expect(all).toMatchObject({ eventTypes: '*', identify: true });
    expect(only?.identify).toBe(true);
    expect(only && grantsEventType(only, 'product_viewed')).toBe(false);
  });

  it('grants consent_updated only by name, beside "*" or a list', () => {
    const result = parseApiKeyGrants(
      JSON.stringify([
        { ...entry, id: 'all', sha256: 'b'.repeat(64), eventTypes: ['*'] },
        { ...entry, id: 'all-and-consent', sha256: 'c'.repeat(64), eventTypes: ['*', 'consent_updated'] },
        { ...entry, id: 'consent-only', sha256: 'd'.repeat(64), eventTypes: ['consent_updated'] },
      ]),
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const [all, allAndConsent, only] = result.grants;
    expect(grantsEventType(all, 'consent_updated')).toBe(false);
    expect(grantsEventType(all, 'product_viewed')).toBe(true);
    expect(grantsEventType(allAndConsent, 'consent_updated')).toBe(true);
    expect(grantsEventType(only, 'consent_updated')).toBe(true);
    expect(grantsEventType(only, 'product_viewed')).toBe(false);
  });

  it('defaults corsOrigins to none: a server-side key', () => {
    const { corsOrigins: _omitted, ...serverSide } = entry;
    const result = parseApiKeyGrants(JSON.stringify([serverSide]));
    expect(result.ok && result.grants[0].corsOrigins.size).toBe(0);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['an empty list', '[]', 'non-empty'],
    ['a bad hash', JSON.stringify([{ ...entry, sha256: 'xyz' }]), '[0].sha256'],
    [
      'an unknown event type',
      JSON.stringify([{ ...entry, eventTypes: ['order_teleported'] }]),
      '[0].eventTypes',
    ],
    ['"*" among types', JSON.stringify([{ ...entry, eventTypes: ['*', 'ad_click'] }]), '[0].eventTypes'],
    [
      'an origin with a path',
      JSON.stringify([{ ...entry, corsOrigins: ['https://a.example/x'] }]),
      'corsOrigins',
    ],
    ['a zero rate', JSON.stringify([{ ...entry, ratePerMinute: 0 }]), 'ratePerMinute'],
    ['an unknown field', JSON.stringify([{ ...entry, key: 'plaintext' }]), '[0].key'],
    ['a repeated id', JSON.stringify([entry, { ...entry, sha256: 'b'.repeat(64) }]), 'share one id'],
    ['a repeated hash', JSON.stringify([entry, { ...entry, id: 'shop-us' }]), 'share one sha256'],
  ])('rejects %s', (_case, json, problem) => {
    expect(problemsOf(json).join('\n')).toContain(problem);
  });

  it('never echoes a configured hash in its problems', () => {
    expect(problemsOf(JSON.stringify([{ ...entry, sha256: 'B'.repeat(64) }])).join('\n')).not.toContain(
      'BBBB',
    );
  });
});
