import { AppendTimeEstimator } from './append-time.estimator';

describe(AppendTimeEstimator.name, () => {
  it('dates a record between the last poll that lacked it and the first that had it', () => {
    const estimator = new AppendTimeEstimator();
    estimator.observe('10', 1_000);
    estimator.observe('10', 5_000);
    estimator.observe('20', 9_000);
    // Records 10..19 arrived in (5000, 9000]: record 10 is dated a tenth of the way in, 19 at the end.
    expect(estimator.appendedAt('10')).toBe(5_400);
    expect(estimator.appendedAt('19')).toBe(9_000);
  });

  it('dates a record already there at the first poll at that poll (a lower bound of its age)', () => {
    const estimator = new AppendTimeEstimator();
    estimator.observe('50', 2_000);
    expect(estimator.appendedAt('0')).toBe(2_000);
  });

  it('knows no time for a record not appended yet', () => {
    const estimator = new AppendTimeEstimator();
    estimator.observe('5', 1_000);
    expect(estimator.appendedAt('5')).toBeUndefined();
  });

  it('forgets history below the committed offset but can still date the next record', () => {
    const estimator = new AppendTimeEstimator();
    estimator.observe('0', 0);
    estimator.observe('10', 1_000);
    estimator.observe('20', 2_000);
    estimator.observe('30', 3_000);
    estimator.forgetBefore('25');
    expect(estimator.size).toBe(2);
    expect(estimator.appendedAt('25')).toBe(2_600);
  });

  it('starts over when the end offset goes back (the topic was recreated)', () => {
    const estimator = new AppendTimeEstimator();
    estimator.observe('100', 1_000);
    estimator.observe('3', 2_000);
    expect(estimator.size).toBe(1);
    expect(estimator.appendedAt('0')).toBe(2_000);
  });

  it('keeps at most maxSamples changes of the end offset', () => {
    const estimator = new AppendTimeEstimator(3);
    for (let i = 1; i <= 5; i += 1) estimator.observe(String(i * 10), i * 1_000);
    expect(estimator.size).toBe(3);
    expect(estimator.appendedAt('0')).toBe(3_000);
  });
});
