import { BacktestError } from '../backtest.error';
import { fitBacktestModels, otherCurrencyNote } from './fit-models';

describe(fitBacktestModels.name, () => {
  it('fails naming the pipeline currency and the currencies it left out', () => {
    let caught: unknown;
    try {
      fitBacktestModels([], { currency: 'EUR', otherCurrencies: { USD: 1200, GBP: 3 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BacktestError);
    expect(caught).toMatchObject({ code: 'NOT_ENOUGH_DATA' });
    expect((caught as Error).message).toBe(
      'BG/NBD: BG/NBD needs at least 30 customers, got 0 (customers with orders in EUR); ' +
        'left out 1200 orders or refunds in USD, 3 in GBP: the models value EUR only (PIPELINE_CURRENCY)',
    );
  });
});

describe(otherCurrencyNote.name, () => {
  it('says nothing when every order was in the pipeline currency', () => {
    expect(otherCurrencyNote({ currency: 'EUR', otherCurrencies: {} })).toBeUndefined();
  });
});
