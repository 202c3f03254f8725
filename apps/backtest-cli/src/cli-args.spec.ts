import { LOAD_USAGE, RUN_USAGE, parseCliArgs } from './cli-args';

describe(parseCliArgs.name, () => {
  it('reads a backtest with every option, in both --name value and --name=value forms', () => {
    expect(
      parseCliArgs([
        'run',
        '--calibration-end',
        '2026-01-01',
        '--holdout-end=2026-07-01',
        '--time-unit',
        'day',
        '--topic',
        'orders.backfill',
        '--from-offset',
        '10',
        '--json',
        '-',
        '--html',
        'out.html',
      ]),
    ).toEqual({
      kind: 'run',
      request: {
        calibrationEnd: '2026-01-01',
        holdoutEnd: '2026-07-01',
        timeUnit: 'day',
        topic: 'orders.backfill',
        fromOffset: '10',
      },
      json: '-',
      html: 'out.html',
    });
  });

  it('reads a load', () => {
    expect(parseCliArgs(['load', '--file', 'orders.csv'])).toEqual({ kind: 'load', file: 'orders.csv' });
    expect(parseCliArgs(['load', '--file', 'o.csv', '--topic', 't'])).toEqual({
      kind: 'load',
      file: 'o.csv',
      topic: 't',
    });
    expect(parseCliArgs(['load', '--file', 'o.csv', '--currency', 'USD'])).toEqual({
      kind: 'load',
      file: 'o.csv',
      currency: 'USD',
    });
  });

  it('names the option at fault', () => {
    const error = (argv: string[]) => {
      const args = parseCliArgs(argv);
      return args.kind === 'error' ? args.message : args.kind;
    };
    expect(error(['run', '--holdout-end', '2026-07-01'])).toBe('--calibration-end is required');
    expect(error(['run', '--calibration-end', '--holdout-end', 'x'])).toBe('--calibration-end needs a value');
    expect(error(['run', '--calibration', 'x'])).toBe('unknown option --calibration');
    expect(error(['run', 'x'])).toBe('unexpected argument "x"');
    expect(error(['load'])).toBe('--file is required');
    expect(error(['load', '--file', 'a', '--file', 'b'])).toBe('--file given twice');
    expect(error(['load', '--file', 'a', '--currency', 'usd'])).toBe(
      '--currency must be an ISO 4217 code like USD, got "usd"',
    );
    expect(error(['fit'])).toBe('unknown command "fit": use run or load');
  });

  it('prints the usage of the command asked about', () => {
    expect(parseCliArgs(['run', '--help'])).toEqual({ kind: 'help', text: RUN_USAGE });
    expect(parseCliArgs(['load', '-h'])).toEqual({ kind: 'help', text: LOAD_USAGE });
  });
});
