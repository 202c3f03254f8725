import { validatedEpochMs } from '../parse/validated-epoch-ms';
import { parseIsoTimestamp } from './iso-timestamp';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-03-01T12:00:00Z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T12:00:00+01:00', Date.UTC(2026, 2, 1, 11)],
    ['2026-03-01T12:00-05:30', Date.UTC(2026, 2, 1, 17, 30)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
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
    ['1999-12-31T23:59:59Z', 'outside'],
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

  it('treats an unparseable timestamp after validation as a bug', () => {
    expect(() => validatedEpochMs('not a time')).toThrow(/passed validation/);
  });
});
