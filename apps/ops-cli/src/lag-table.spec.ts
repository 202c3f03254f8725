import { partitionLags } from '@pipeline/observability';
import type { LagReport } from './lag-report';
import { formatLagTable } from './lag-table';

describe(formatLagTable.name, () => {
  const readAt = new Date('2026-03-01T12:00:00Z');

  it('prints one aligned row per partition and a total per group', () => {
    const partitions = [
      ...partitionLags(
        'journey-processor',
        'journey.awareness.v1',
        [
          { partition: 0, low: '0', high: '1200' },
          { partition: 1, low: '0', high: '7' },
        ],
        [{ partition: 0, offset: '1150' }],
      ),
    ];
    const report: LagReport = {
      readAt,
      groups: [{ group: 'journey-processor', partitions, total: 57 }],
      total: 57,
    };
    expect(formatLagTable(report)).toBe(
      [
        'GROUP              TOPIC                 PARTITION  COMMITTED   END  LAG',
        'journey-processor  journey.awareness.v1          0       1150  1200   50',
        'journey-processor  journey.awareness.v1          1          -     7    7',
        'journey-processor  TOTAL                                              57',
        '',
      ].join('\n'),
    );
  });

  it('says so for a group with nothing to show, and adds a grand total for several groups', () => {
    const report: LagReport = {
      readAt,
      groups: [
        {
          group: 'a',
          partitions: partitionLags('a', 't', [{ partition: 0, low: '0', high: '3' }], []),
          total: 3,
        },
        { group: 'b', partitions: [], total: 0 },
      ],
      total: 3,
    };
    const lines = formatLagTable(report).trimEnd().split('\n');
    expect(lines[3]).toMatch(/^b {11}\(no committed offsets and no members\) +0$/);
    expect(lines[4]).toMatch(/^ALL GROUPS {2}TOTAL +3$/);
  });
});
