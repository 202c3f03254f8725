import { TimeSpan } from './journey-state';

/** `span` widened to include `at`; the same span when it already does, so callers can share it. */
export function widenSpan(span: TimeSpan | undefined, at: number): TimeSpan {
  if (span === undefined) return [at, at];
  if (at >= span[0] && at <= span[1]) return span;
  return [Math.min(span[0], at), Math.max(span[1], at)];
}

/** The smaller of two optional instants. */
export function earliest(a: number | null | undefined, b: number): number {
  return a === null || a === undefined ? b : Math.min(a, b);
}

/** The larger of two optional instants. */
export function latest(a: number | null | undefined, b: number): number {
  return a === null || a === undefined ? b : Math.max(a, b);
}
