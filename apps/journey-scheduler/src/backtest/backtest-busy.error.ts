/** Another backtest is running in this instance; one at a time keeps the replay's memory bounded. */
export class BacktestBusyError extends Error {
  constructor() {
    super('a backtest is already running; try again when it is done');
    this.name = BacktestBusyError.name;
  }
}
