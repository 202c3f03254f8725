import { holdoutWindow, periodOfDay } from './holdout-window';

const JAN_1 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

describe(holdoutWindow.name, () => {
  it('cuts 17 days into weeks 1, 2 and a last part-week of 3/7', () => {
    const window = holdoutWindow(JAN_1, JAN_1 + 17 * DAY, 'week');
    expect(window).toEqual({
      timeUnit: 'week',
      calibrationDay: JAN_1 / DAY,
      firstDay: JAN_1 / DAY,
      days: 17,
      length: 17 / 7,
      periodEnds: [1, 2, 17 / 7],
    });
  });

  it('cuts the same holdout into 17 days in days', () => {
    const window = holdoutWindow(JAN_1, JAN_1 + 17 * DAY, 'day');
    expect(window.length).toBe(17);
    expect(window.periodEnds).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('measures whole UTC days between the boundaries, as purchase summaries do', () => {
    expect(holdoutWindow(JAN_1 + 15 * 3_600_000, JAN_1 + DAY + 3_600_000, 'day').days).toBe(1);
  });

  it('with bare-date boundaries (last milliseconds), holds the whole days after the calibration day through the holdout day', () => {
    const endOf = (day: number): number => JAN_1 + (day + 1) * DAY - 1;
    const window = holdoutWindow(endOf(0), endOf(14), 'week');
    expect(window).toMatchObject({ calibrationDay: JAN_1 / DAY, firstDay: JAN_1 / DAY + 1, days: 14 });
    expect(window.periodEnds).toEqual([1, 2]);
  });

  it('refuses a holdout that ends on the calibration end day', () => {
    expect(() => holdoutWindow(JAN_1 + 1, JAN_1 + DAY - 1, 'week')).toThrow(RangeError);
  });
});

describe(periodOfDay.name, () => {
  const window = holdoutWindow(JAN_1, JAN_1 + 17 * DAY, 'week');

  it('puts days 0-6 in the first week, 7-13 in the second, 14-16 in the third', () => {
    expect([0, 6, 7, 13, 14, 16].map((day) => periodOfDay(window, day))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('counts an order at the very instant of the holdout end in the last period', () => {
    expect(periodOfDay(window, 17)).toBe(2);
  });
});
