import { parseKpiPeriod } from './kpi-period';

describe(parseKpiPeriod.name, () => {
  it('reads a date as 00:00 UTC and a date-time by its offset', () => {
    expect(parseKpiPeriod('2026-01-01', '2026-02-01T12:00:00+02:00')).toEqual({
      ok: true,
      period: { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1, 10) },
    });
  });

  it.each([
    [undefined, '2026-01-01', 'from is required'],
    ['2026-01-01', '', 'to is required'],
    [['2026-01-01', '2026-01-02'], '2026-02-01', 'from must be given once'],
    ['yesterday', '2026-01-01', 'from must be ISO-8601'],
    ['2026-02-30', '2026-03-01', 'from is not a calendar date'],
    ['2026-01-01', '2026-02-01T12:00:00', 'to must be ISO-8601 with an offset'],
    ['2026-02-01', '2026-02-01T00:00:00Z', 'from must be before to'],
    ['2026-03-01', '2026-02-01', 'from must be before to'],
  ])('refuses from=%j to=%j: %s', (from, to, message) => {
    const result = parseKpiPeriod(from, to);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});
