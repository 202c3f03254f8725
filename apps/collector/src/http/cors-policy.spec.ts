import { CorsPolicy } from './cors-policy';

describe(CorsPolicy.name, () => {
  const policy = new CorsPolicy(new Set(['https://shop.example']));

  it('answers a preflight for an allowed origin and POST', () => {
    expect(policy.preflight('https://shop.example', 'POST')).toMatchObject({
      'Access-Control-Allow-Origin': 'https://shop.example',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Authorization, X-Api-Key, Content-Type, Content-Encoding',
    });
  });

  it('refuses a preflight for another origin, no origin, or another method', () => {
    expect(policy.preflight('https://evil.example', 'POST')).toBeUndefined();
    expect(policy.preflight(undefined, 'POST')).toBeUndefined();
    expect(policy.preflight('https://shop.example', 'DELETE')).toBeUndefined();
  });

  it('exposes responses to allowed origins only', () => {
    expect(policy.responseHeaders('https://shop.example')['Access-Control-Allow-Origin']).toBe(
      'https://shop.example',
    );
    expect(policy.responseHeaders('https://evil.example')).toEqual({ Vary: 'Origin' });
  });
});
