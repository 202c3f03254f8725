import { BacktestRequest } from '@pipeline/backtest';
import { isCurrencyCode } from '@pipeline/contracts';

/** `npm run backtest -- ...`: the backtest itself. */
export interface RunArgs {
  readonly kind: 'run';
  readonly request: BacktestRequest;
  /** Where to write the JSON report; `-` for stdout. */
  readonly json?: string;
  readonly html?: string;
}

/** `npm run backtest:load -- ...`: a CSV of orders onto a topic. */
export interface LoadArgs {
  readonly kind: 'load';
  readonly file: string;
  readonly topic?: string;
  /** Currency of rows without a currency value; default PIPELINE_CURRENCY. */
  readonly currency?: string;
}

export type CliArgs =
  | RunArgs
  | LoadArgs
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string; readonly usage: string };

export const RUN_USAGE = `usage: npm run backtest -- --calibration-end <date> --holdout-end <date> [options]

Replays the conversion topic from the Kafka log, fits BG/NBD and Gamma-Gamma on the calibration
period and scores their predictions against the holdout (calibration end, holdout end].

  --calibration-end <date>   last calibration day, inclusive (2025-09-30: its orders calibrate), or
                             an exact ISO-8601 instant with an offset
  --holdout-end <date>       last holdout day, inclusive, or an instant; not in the future
  --time-unit week|day       the models' time unit (default week), stated in every output
  --topic <topic>            topic to replay (default KAFKA_TOPIC_PREFIX + journey.conversion.v1)
  --from-offset <n>          replay every partition from offset n (default earliest)
  --json <file>              write the JSON report (- for stdout)
  --html <file>              write the self-contained HTML report
  --help                     this text

Reads KAFKA_BROKERS (and KAFKA_TLS / KAFKA_SASL_*), KAFKA_TOPIC_PREFIX and PIPELINE_CURRENCY.
`;

export const LOAD_USAGE = `usage: npm run backtest:load -- --file <orders.csv> [--topic <topic>] [--currency <ISO 4217>]

Publishes a CSV of historical orders as order_placed events keyed by customer, with deterministic
event ids. Header: customer,date,amount and optionally currency (default --currency, else
PIPELINE_CURRENCY) and order_id. The summary counts the published orders by currency: the backtest
and the refit value only PIPELINE_CURRENCY. A date without a time is 12:00 UTC. Rows the event contract rejects are reported with their
line numbers and not published; the exit status is then 3.

  --file <path>      the CSV
  --topic <topic>    target topic (default KAFKA_TOPIC_PREFIX + journey.conversion.v1), created if missing
  --currency <code>  currency of rows without a currency column value, e.g. USD (default PIPELINE_CURRENCY)
  --help             this text
`;

type Options = Map<string, string>;

/** `--name value` and `--name=value` pairs; every option takes a value. */
function readOptions(argv: readonly string[], allowed: readonly string[]): Options | string {
  const options: Options = new Map();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) return `unexpected argument "${arg}"`;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!allowed.includes(name)) return `unknown option --${name}`;
    let value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) i += 1;
    // `--json -` is stdout; any other value starting with -- is the next option, not a value.
    if (value === undefined || (value.startsWith('--') && eq < 0)) return `--${name} needs a value`;
    value = value.trim();
    if (value === '') return `--${name} needs a value`;
    if (options.has(name)) return `--${name} given twice`;
    options.set(name, value);
  }
  return options;
}

/** Parses `run ...` or `load ...` (the npm scripts add the subcommand); errors name the option. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    return { kind: 'help', text: command === 'load' ? LOAD_USAGE : RUN_USAGE };
  }
  if (command === 'run') {
    const options = readOptions(rest, [
      'calibration-end',
      'holdout-end',
      'time-unit',
      'topic',
      'from-offset',
      'json',
      'html',
    ]);
    if (typeof options === 'string') return { kind: 'error', message: options, usage: RUN_USAGE };
    for (const required of ['calibration-end', 'holdout-end']) {
      if (!options.has(required))
        return { kind: 'error', message: `--${required} is required`, usage: RUN_USAGE };
    }
    const get = (name: string): string | undefined => options.get(name);
    const request: BacktestRequest = {
      calibrationEnd: get('calibration-end'),
      holdoutEnd: get('holdout-end'),
      timeUnit: get('time-unit'),
      topic: get('topic'),
      fromOffset: get('from-offset'),
    };
    const json = get('json');
    const html = get('html');
    return { kind: 'run', request, ...(json !== undefined && { json }), ...(html !== undefined && { html }) };
  }
  if (command === 'load') {
    const options = readOptions(rest, ['file', 'topic', 'currency']);
    if (typeof options === 'string') return { kind: 'error', message: options, usage: LOAD_USAGE };
    const file = options.get('file');
    if (file === undefined) return { kind: 'error', message: '--file is required', usage: LOAD_USAGE };
    const topic = options.get('topic');
    const currency = options.get('currency');
    if (currency !== undefined && !isCurrencyCode(currency)) {
      const message = `--currency must be an ISO 4217 code like USD, got ${JSON.stringify(options.get('currency'))}`;
      return { kind: 'error', message, usage: LOAD_USAGE };
    }
    return {
      kind: 'load',
      file,
      ...(topic !== undefined && { topic }),
      ...(currency !== undefined && { currency }),
    };
  }
  return {
    kind: 'error',
    message: `unknown command "${command ?? ''}": use run or load`,
    usage: RUN_USAGE + '\n' + LOAD_USAGE,
  };
}
