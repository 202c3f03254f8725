import { PIPELINE_GROUPS, parseLagArgs } from './lag-args';

describe(parseLagArgs.name, () => {
  it("reads the pipeline's groups once, with the environment's prefix, when given nothing", () => {
    expect(parseLagArgs([])).toEqual({
      kind: 'run',
      options: { groups: PIPELINE_GROUPS, prefix: undefined, watchSeconds: undefined },
    });
  });

  it('takes repeated groups (once each), a prefix, and both spellings of a value', () => {
    expect(parseLagArgs(['--group', 'a', '--group=b', '--group', 'a', '--prefix=t-1.'])).toEqual({
      kind: 'run',
      options: { groups: ['a', 'b'], prefix: 't-1.', watchSeconds: undefined },
    });
  });

  it('watches every 5 s by default, or as often as told', () => {
    const watch = (argv: string[]) => {
      const args = parseLagArgs(argv);
      return args.kind === 'run' ? args.options.watchSeconds : args;
    };
    expect(watch(['--watch'])).toBe(5);
    expect(watch(['--watch', '2'])).toBe(2);
    expect(watch(['--watch=0.5'])).toBe(0.5);
    expect(watch(['--watch', '--group', 'g'])).toBe(5);
  });

  it.each([
    [['--group'], '--group needs a consumer group id'],
    [['--group', '--watch'], '--group needs a consumer group id'],
    [['--prefix'], '--prefix needs a topic prefix'],
    [['--watch=soon'], '--watch takes a number of seconds, got "soon"'],
    [['--watch', '0'], '--watch needs at least 0.5 seconds'],
    [['--grup', 'x'], 'unknown argument "--grup"'],
  ])('rejects %j: %s', (argv, message) => {
    expect(parseLagArgs(argv)).toEqual({ kind: 'error', message });
  });

  it('asks for help', () => {
    expect(parseLagArgs(['--group', 'g', '--help'])).toEqual({ kind: 'help' });
  });
});
