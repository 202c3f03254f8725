/** Why a backtest could not run; stable codes that the CLI and the API map to exit codes and statuses. */
export type BacktestErrorCode =
  /** The options are unusable (a bad date, a holdout that ends before the calibration, ...). */
  | 'INVALID_OPTIONS'
  /** The topic to replay does not exist on the cluster. */
  | 'TOPIC_NOT_FOUND'
  /** Too few customers, or no repeat purchase at all, to fit the BG/NBD model. */
  | 'NOT_ENOUGH_DATA'
  /** The replay stopped receiving records before it reached the end offsets taken at its start. */
  | 'REPLAY_STALLED';

/** A backtest failure with a code; the message names what is wrong and never carries secrets. */
export class BacktestError extends Error {
  constructor(
    readonly code: BacktestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = BacktestError.name;
  }
}
