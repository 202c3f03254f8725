import { RECONNECT_MAX_DELAY_MS, reconnectDelay } from './reconnect-delay';

describe(reconnectDelay.name, () => {
  it('doubles from 100 ms and stops growing at the cap', () => {
    expect([1, 2, 3, 4].map(reconnectDelay)).toEqual([100, 200, 400, 800]);
    expect(reconnectDelay(7)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(reconnectDelay(10_000)).toBe(RECONNECT_MAX_DELAY_MS);
  });
});
