import { parseAdminArgs } from './admin-args';

describe(parseAdminArgs.name, () => {
  it('reads erase and one customer id', () => {
    expect(parseAdminArgs(['erase', 'cust-42'])).toEqual({ kind: 'erase', customerId: 'cust-42' });
  });

  it.each([[[]], [['--help']], [['erase', '-h']]])('shows the usage for %j', (argv) => {
    expect(parseAdminArgs(argv)).toEqual({ kind: 'help' });
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
