import { parseDlqReplayArgs } from './dlq-replay-args';

describe(parseDlqReplayArgs.name, () => {
  it('reads the reason, the start, the topic and a dry run', () => {
    expect(
      parseDlqReplayArgs([
        '--reason',
        'NOT_JSON',
        '--since',
        '2026-03-01T00:00:00Z',
        '--topic',
        'journey.conversion.v1',
        '--dry-run',
      ]),
    ).toEqual({
      kind: 'dlq-replay',
      options: {
        reason: 'NOT_JSON',
        since: new Date('2026-03-01T00:00:00Z'),
        topic: 'journey.conversion.v1',
        dryRun: true,
      },
    });
  });

  it('takes --name=value and defaults to a real run of every topic', () => {
    expect(parseDlqReplayArgs(['--reason=PROCESSING_FAILED', '--since=2026-03-01T01:00:00+01:00'])).toEqual({
      kind: 'dlq-replay',
      options: { reason: 'PROCESSING_FAILED', since: new Date('2026-03-01T00:00:00Z'), dryRun: false },
    });
  });

  it.each([
    [['--since', '2026-03-01T00:00:00Z'], /--reason is required/],
    [['--reason', 'NOT_JSON'], /--since is required/],
    [['--reason', 'not-json', '--since', '2026-03-01T00:00:00Z'], /--reason needs/],
    [['--reason', 'NOT_JSON', '--since', 'yesterday'], /--since needs/],
    [['--reason', 'NOT_JSON', '--since', '2026-03-01T00:00:00'], /--since needs/],
    [['--reason', 'NOT_JSON', '--since', '2026-03-01T00:00:00Z', '--topic', 'a b'], /--topic needs/],
    [['--reason', 'NOT_JSON', '--since', '2026-03-01T00:00:00Z', '--force'], /unknown argument "--force"/],
    [['--reason', '--since', '2026-03-01T00:00:00Z'], /--reason needs/],
  ])('refuses %j', (argv, message) => {
    const args = parseDlqReplayArgs(argv);
    expect(args.kind === 'error' && args.message).toMatch(message);
  });
});
