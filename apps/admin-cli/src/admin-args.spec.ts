import { ADMIN_USAGE, ERASE_USAGE, parseAdminArgs } from './admin-args';
import { DLQ_REPLAY_USAGE } from './dlq-replay-args';

describe(parseAdminArgs.name, () => {
  it('reads erase and one customer id', () => {
    expect(parseAdminArgs(['erase', 'cust-42'])).toEqual({ kind: 'erase', customerId: 'cust-42' });
  });

  it.each([
    [[], ADMIN_USAGE],
    [['--help'], ADMIN_USAGE],
    [['erase', '-h'], ERASE_USAGE],
    [['dlq-replay', '--help'], DLQ_REPLAY_USAGE],
  ])('shows the usage for %j', (argv, usage) => {
    expect(parseAdminArgs(argv)).toEqual({ kind: 'help', usage });
  });

  it.each([
    [['forget', 'cust-42'], /unknown command/],
    [['erase'], /exactly one/],
    [['erase', 'a', 'b'], /exactly one/],
    [['erase', 'a b'], /not a valid customer id/],
  ])('refuses %j', (argv, message) => {
    const args = parseAdminArgs(argv);
    expect(args.kind === 'error' && args.message).toMatch(message);
  });
});
