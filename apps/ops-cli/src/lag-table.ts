import type { LagReport } from './lag-report';

const HEADER = ['GROUP', 'TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG'] as const;
/** Numbers are right-aligned, names left-aligned. */
const RIGHT_ALIGNED = [false, false, true, true, true, true] as const;

/**
 * The report as a plain-text table, one row per group, topic and partition, like
 * kafka-consumer-groups.sh --describe: committed offset ("-" before the group's first commit), log end
 * offset and lag; then a total row per group, and a grand total when there are several groups.
 */
export function formatLagTable(report: LagReport): string {
  const rows: string[][] = [];
  for (const group of report.groups) {
    if (group.partitions.length === 0) {
      rows.push([group.group, '(no committed offsets and no members)', '', '', '', '0']);
      continue;
    }
    for (const p of group.partitions) {
      rows.push([group.group, p.topic, String(p.partition), p.committed ?? '-', p.end, String(p.lag)]);
    }
    rows.push([group.group, 'TOTAL', '', '', '', String(group.total)]);
  }
  if (report.groups.length > 1) rows.push(['ALL GROUPS', 'TOTAL', '', '', '', String(report.total)]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return RIGHT_ALIGNED[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...rows.map(line)].join('\n') + '\n';
}
