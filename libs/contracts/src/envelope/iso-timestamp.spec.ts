import fc from 'fast-check';
import { validatedEpochMs } from '../parse/validated-epoch-ms';
import { parseIsoTimestamp } from './iso-timestamp';

/** The shape the contract defines, as a regular expression: the reference the hand-written reader must match. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Timestamps near the valid shape: right, and one or two characters off in every way that matters. */
function nearTimestamps(): fc.Arbitrary<string> {
  const d = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
  const valid = fc
    .tuple(
      d(4),
      d(2),
      d(2),
      d(2),
      d(2),
      fc.option(fc.tuple(d(2), fc.option(fc.stringMatching(/^\d{1,10}$/)))),
      fc.oneof(
        fc.constant('Z'),
        fc.tuple(fc.constantFrom('+', '-'), d(2), d(2)).map(([s, h, m]) => `${s}${h}:${m}`),
      ),
    )
    .map(([y, mo, da, h, mi, sec, offset]) => {
      const seconds = sec ? `:${sec[0]}${sec[1] === null ? '' : `.${sec[1]}`}` : '';
      return `${y}-${mo}-${da}T${h}:${mi}${seconds}${offset}`;
    });
  const mutated = fc
    .tuple(
      valid,
      fc.nat(),
      fc.constantFrom('', '0', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', '٣', '\n'),
    )
    .map(([text, at, replacement]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + replacement + text.slice(i + 1);
    });
  return fc.oneof(valid, mutated, fc.string({ maxLength: 40 }));
}

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-03-01T12:00:00Z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T12:00:00+01:00', Date.UTC(2026, 2, 1, 11)],
    ['2026-03-01T12:00-05:30', Date.UTC(2026, 2, 1, 17, 30)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['1970-01-01T00:00:00Z', 0],
    ['1997-01-01T00:00:00Z', Date.UTC(1997, 0, 1)],
    ['1999-12-31T23:59:59Z', Date.UTC(1999, 11, 31, 23, 59, 59)],
  ])('reads %s', (text, epochMs) => {
    expect(parseIsoTimestamp(text)).toEqual({ ok: true, epochMs });
  });

  it.each([
    ['2026-03-01T12:00:00', 'with an offset'],
    ['2026-03-01', 'with an offset'],
    ['yesterday', 'with an offset'],
    ['2023-02-29T00:00:00Z', 'not a calendar date'],
    ['2024-02-30T00:00:00Z', 'not a calendar date'],
    ['2026-13-01T00:00:00Z', 'not a calendar date'],
    ['2026-03-01T24:00:00Z', 'out of range'],
    ['2026-03-01T12:00:00+25:00', 'out of range'],
    ['1969-12-31T23:59:59Z', 'outside'],
    ['1970-01-01T00:30:00+01:00', 'outside'],
    ['2100-01-01T00:00:00Z', 'outside'],
  ])('rejects %s', (text, message) => {
    const result = parseIsoTimestamp(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('rejects non-strings', () => {
    expect(parseIsoTimestamp(1_700_000_000_000).ok).toBe(false);
  });

  it.each([
    '2026-03-01T12:00:00Z',
    '2026-03-01T12:00Z',
    '2024-02-29T23:59:59.123456789+05:30',
    '2000-01-01T00:00:00.1-11:45',
    '2099-12-31T23:59:59.999Z',
  ])('gives the instant the parser does once validation has passed: %s', (text) => {
    const parsed = parseIsoTimestamp(text);
    expect(parsed.ok).toBe(true);
    expect(validatedEpochMs(text)).toBe(parsed.ok ? parsed.epochMs : Number.NaN);
  });

  it('accepts exactly the shape of the contract regular expression, calendar checks aside', () => {
    fc.assert(
      fc.property(nearTimestamps(), (text) => {
        const parsed = parseIsoTimestamp(text);
        const shaped = ISO_WITH_OFFSET.test(text);
        if (!shaped) {
          expect(parsed.ok ? 'accepted' : parsed.message).toContain('with an offset');
        } else if (parsed.ok) expect(parsed.epochMs).toBe(Date.parse(text));
        else expect(parsed.message).not.toContain('with an offset');
      }),
      { numRuns: 20_000 },
    );
  });

  it('treats an unparseable timestamp after validation as a bug', () => {
    expect(() => validatedEpochMs('not a time')).toThrow(/passed validation/);
  });
});
