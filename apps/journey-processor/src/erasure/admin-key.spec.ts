import { createHash } from 'node:crypto';
import { adminKeyDigest, presentsAdminKey } from './admin-key';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe(presentsAdminKey.name, () => {
  const digest = adminKeyDigest(sha256('s3cret-admin-key'));

  it('accepts the key as a bearer token', () => {
    expect(presentsAdminKey('Bearer s3cret-admin-key', digest)).toBe(true);
    expect(presentsAdminKey('bearer   s3cret-admin-key ', digest)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['a wrong key', 'Bearer s3cret-admin-kez'],
    ['the key without the scheme', 's3cret-admin-key'],
    ['another scheme', 'Basic s3cret-admin-key'],
    ['an empty token', 'Bearer '],
  ])('refuses %s', (_case, header) => {
    expect(presentsAdminKey(header, digest)).toBe(false);
  });

  it('refuses every key when none is configured', () => {
    expect(presentsAdminKey('Bearer s3cret-admin-key', adminKeyDigest(undefined))).toBe(false);
  });
});

describe(adminKeyDigest.name, () => {
  it('refuses a value that is not a SHA-256 in hex', () => {
    expect(() => adminKeyDigest('abc')).toThrow(/64 hex digits/);
  });
});
