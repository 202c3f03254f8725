import { lagByTopic, partitionLags, totalLag } from './partition-lag';

describe(partitionLags.name, () => {
  const watermarks = [
    { partition: 1, low: '0', high: '10' },
    { partition: 0, low: '5', high: '20' },
  ];

  it('subtracts the committed offset from the log end, partitions in order', () => {
    const lags = partitionLags('g', 't', watermarks, [
      { partition: 0, offset: '12' },
      { partition: 1, offset: '10' },
    ]);
    expect(lags).toEqual([
      { group: 'g', topic: 't', partition: 0, committed: '12', start: '5', end: '20', lag: 8 },
      { group: 'g', topic: 't', partition: 1, committed: '10', start: '0', end: '10', lag: 0 },
    ]);
  });

  it('counts a partition without a commit (-1) from the log start', () => {
    const [p0, p1] = partitionLags('g', 't', watermarks, [{ partition: 0, offset: '-1' }]);
    expect(p0).toMatchObject({ committed: null, lag: 15 });
    expect(p1).toMatchObject({ committed: null, lag: 10 });
  });

  it('counts a commit below the log start from the log start', () => {
    const [p0] = partitionLags('g', 't', watermarks, [{ partition: 0, offset: '2' }]);
    expect(p0).toMatchObject({ committed: '2', lag: 15 });
  });

  it('never reports a negative lag', () => {
    const [, p1] = partitionLags('g', 't', watermarks, [{ partition: 1, offset: '11' }]);
    expect(p1?.lag).toBe(0);
  });

  it('keeps 64-bit offsets exact', () => {
    const [p] = partitionLags(
      'g',
      't',
      [{ partition: 0, low: '0', high: '9007199254740995' }],
      [{ partition: 0, offset: '9007199254740993' }],
    );
    expect(p?.lag).toBe(2);
  });
});

describe(lagByTopic.name, () => {
  it('sums per group and topic, and totalLag sums everything', () => {
    const lags = [
      ...partitionLags('g', 'a', [{ partition: 0, low: '0', high: '3' }], []),
      ...partitionLags('g', 'b', [{ partition: 0, low: '0', high: '4' }], []),
      ...partitionLags('g', 'a', [{ partition: 1, low: '0', high: '5' }], []),
    ];
    expect(lagByTopic(lags)).toEqual([
      { group: 'g', topic: 'a', lag: 8 },
      { group: 'g', topic: 'b', lag: 4 },
    ]);
    expect(totalLag(lags)).toBe(12);
  });
});
