import { frequencyBins } from './frequency-bins';

describe(frequencyBins.name, () => {
  const rows = [
    { frequency: 0, actual: 0, predicted: 0.2 },
    { frequency: 0, actual: 1, predicted: 0.4 },
    { frequency: 2, actual: 3, predicted: 2 },
    { frequency: 9, actual: 5, predicted: 6 },
    { frequency: 7, actual: 1, predicted: 2 },
  ];

  it('bins customers by calibration frequency 0..6 and 7+, with means, standard errors and errors', () => {
    const bins = frequencyBins(rows);
    expect(bins.map((b) => b.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(bins[0]).toEqual({
      frequency: '0',
      customers: 2,
      meanActual: 0.5,
      // values 0 and 1: sample variance 0.5, standard error sqrt(0.5 / 2)
      actualStandardError: expect.closeTo(0.5, 12) as unknown,
      meanPredicted: expect.closeTo(0.3, 12) as unknown,
      meanAbsoluteError: expect.closeTo(0.4, 12) as unknown,
    });
    expect(bins[2]).toEqual({
      frequency: '2',
      customers: 1,
      meanActual: 3,
      actualStandardError: null,
      meanPredicted: 2,
      meanAbsoluteError: 1,
    });
    // 9 and 7 repeat purchases share the open bin: actual 5 and 1, predicted 6 and 2.
    expect(bins[7]).toEqual({
      frequency: '7+',
      customers: 2,
      meanActual: 3,
      actualStandardError: 2,
      meanPredicted: 4,
      meanAbsoluteError: 1,
    });
  });

  it('keeps empty bins, with null means, so every chart has the same x axis', () => {
    expect(frequencyBins(rows)[1]).toEqual({
      frequency: '1',
      customers: 0,
      meanActual: null,
      actualStandardError: null,
      meanPredicted: null,
      meanAbsoluteError: null,
    });
  });

  it('takes another top bin', () => {
    expect(frequencyBins(rows, 2).map((b) => [b.frequency, b.customers])).toEqual([
      ['0', 2],
      ['1', 0],
      ['2+', 3],
    ]);
  });
});
