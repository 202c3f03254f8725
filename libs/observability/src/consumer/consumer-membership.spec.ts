import { ConsumerMembership, nextMembership } from './consumer-membership';

describe(nextMembership.name, () => {
  const start: ConsumerMembership = { state: 'not-joined', since: 0, rebalancing: false };

  it('becomes a member only when the consumer joins its group', () => {
    expect(nextMembership(start, 'consumer.group_join', 5)).toEqual({
      state: 'joined',
      since: 5,
      rebalancing: false,
    });
  });

  it('stays a member while a rebalance runs, and the next join ends the rebalance', () => {
    const joined = nextMembership(start, 'consumer.group_join', 1);
    const rebalancing = nextMembership(joined, 'consumer.rebalancing', 2);
    expect(rebalancing).toEqual({ state: 'joined', since: 1, rebalancing: true });
    expect(nextMembership(rebalancing, 'consumer.group_join', 3).rebalancing).toBe(false);
  });

  it.each([
    ['consumer.crash', 'crashed'],
    ['consumer.stop', 'stopped'],
    ['consumer.disconnect', 'disconnected'],
  ] as const)('leaves the group on %s', (event, state) => {
    const joined = nextMembership(start, 'consumer.group_join', 1);
    expect(nextMembership(joined, event, 9)).toEqual({ state, since: 9, rebalancing: false });
  });

  it('counts a rejoin after a crash as membership again', () => {
    const crashed = nextMembership(nextMembership(start, 'consumer.group_join', 1), 'consumer.crash', 2);
    expect(nextMembership(crashed, 'consumer.group_join', 3).state).toBe('joined');
  });
});
