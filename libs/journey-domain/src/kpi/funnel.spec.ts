import { funnel } from './funnel';

describe(funnel.name, () => {
  it('has every stage at zero, with no rates, for an empty population', () => {
    expect(funnel([])).toEqual([
      { stage: 'awareness', reached: 0, conversionRate: null },
      { stage: 'consideration', reached: 0, conversionRate: null },
      { stage: 'conversion', reached: 0, conversionRate: null },
      { stage: 'retention', reached: 0, conversionRate: null },
      { stage: 'advocacy', reached: 0, conversionRate: null },
    ]);
  });

  it('counts a customer in every stage up to their furthest, skipped ones included', () => {
    expect(funnel([{ furthestStage: 'conversion' }]).map((step) => step.reached)).toEqual([1, 1, 1, 0, 0]);
  });

  it('divides each stage by the one before it', () => {
    const steps = funnel(
      (['awareness', 'consideration', 'conversion', 'conversion', 'retention', 'advocacy'] as const).map(
        (furthestStage) => ({ furthestStage }),
      ),
    );
    expect(steps.map((step) => step.reached)).toEqual([6, 5, 4, 2, 1]);
    expect(steps.map((step) => step.conversionRate)).toEqual([null, (100 * 5) / 6, 80, 50, 50]);
  });

  it('has no rate after a stage nobody reached', () => {
    const steps = funnel([{ furthestStage: 'awareness' }, { furthestStage: 'awareness' }]);
    expect(steps.map((step) => step.conversionRate)).toEqual([null, 0, null, null, null]);
  });
});
