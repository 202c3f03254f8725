import { presentedApiKey } from './presented-api-key';

describe(presentedApiKey.name, () => {
  it('reads a bearer token', () => {
    expect(presentedApiKey({ authorization: 'Bearer k-123' })).toEqual({ ok: true, key: 'k-123' });
    expect(presentedApiKey({ authorization: 'bearer   k-123 ' })).toEqual({ ok: true, key: 'k-123' });
  });

  it('reads X-Api-Key', () => {
    expect(presentedApiKey({ 'x-api-key': 'k-123' })).toEqual({ ok: true, key: 'k-123' });
  });

  it('accepts both when they agree, and refuses them when they do not', () => {
    expect(presentedApiKey({ authorization: 'Bearer k-1', 'x-api-key': 'k-1' }).ok).toBe(true);
    expect(presentedApiKey({ authorization: 'Bearer k-1', 'x-api-key': 'k-2' }).ok).toBe(false);
  });

  it('refuses a missing key and another authorization scheme', () => {
    expect(presentedApiKey({}).ok).toBe(false);
    expect(presentedApiKey({ 'x-api-key': '' }).ok).toBe(false);
    expect(presentedApiKey({ authorization: 'Basic dXNlcjpwYXNz' }).ok).toBe(false);
  });
});
