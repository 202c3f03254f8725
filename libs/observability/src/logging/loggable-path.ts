/** Path segments that are followed by an identifier of a person. */
const IDENTIFYING_SEGMENTS: Readonly<Record<string, string>> = { customers: ':customerId' };

/**
 * A request URL as it may be logged: the path only (a query string can carry anything), with every
 * customer id replaced by a placeholder, so access logs at info carry no personal data.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const previous = segments[i - 1];
      const placeholder = previous === undefined ? undefined : IDENTIFYING_SEGMENTS[previous];
      return placeholder !== undefined && segment !== '' ? placeholder : segment;
    })
    .join('/');
}
