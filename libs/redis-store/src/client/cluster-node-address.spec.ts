import { parseClusterNodeAddress } from './cluster-node-address';

describe(parseClusterNodeAddress.name, () => {
  it.each([
    ['10.0.0.1:7000', { host: '10.0.0.1', port: 7000 }],
    ['redis-0.redis:6379', { host: 'redis-0.redis', port: 6379 }],
    ['redis://127.0.0.1:17001', { host: '127.0.0.1', port: 17001 }],
    ['[::1]:7001', { host: '::1', port: 7001 }],
  ])('reads %s', (entry, expected) => {
    expect(parseClusterNodeAddress(entry)).toEqual(expected);
  });

  it.each(['localhost', 'host:0', 'host:70000', ':7000', '::1:7000'])('refuses %s', (entry) => {
    expect(() => parseClusterNodeAddress(entry)).toThrow(RangeError);
  });
});
