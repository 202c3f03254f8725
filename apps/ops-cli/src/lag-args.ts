/** What `npm run lag -- ...` asks for. */
export interface LagOptions {
  /** Consumer groups, in the order given. */
  readonly groups: readonly string[];
  /** Only topics starting with this; undefined means KAFKA_TOPIC_PREFIX. */
  readonly prefix: string | undefined;
  /** Redraw every this many seconds until Ctrl-C; undefined prints once. */
  readonly watchSeconds: number | undefined;
}

export type LagArgs =
  { kind: 'run'; options: LagOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** The consumer groups of the pipeline, read when no --group is given. */
export const PIPELINE_GROUPS: readonly string[] = ['journey-processor'];

const DEFAULT_WATCH_SECONDS = 5;

export const LAG_USAGE = `usage: npm run lag -- [--group <id>]... [--prefix <topic prefix>] [--watch [seconds]]

Prints the lag of consumer groups per topic and partition: committed offset, log end offset, lag,
and totals. Reads KAFKA_BROKERS (and the KAFKA_TLS / KAFKA_SASL_* variables).

  --group <id>        a consumer group, repeatable (default: ${PIPELINE_GROUPS.join(', ')})
  --prefix <prefix>   only topics whose name starts with it (default: KAFKA_TOPIC_PREFIX, or all)
  --watch [seconds]   redraw every N seconds (default ${DEFAULT_WATCH_SECONDS}) until Ctrl-C
  --help              this text
`;

/** Parses the CLI arguments (after the script name); every error names the option at fault. */
export function parseLagArgs(argv: readonly string[]): LagArgs {
  const groups: string[] = [];
  let prefix: string | undefined;
  let watchSeconds: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i += 1;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--group': {
        const group = takeValue();
        if (!group) return { kind: 'error', message: '--group needs a consumer group id' };
        groups.push(group);
        break;
      }
      case '--prefix': {
        const value = takeValue();
        if (value === undefined) return { kind: 'error', message: '--prefix needs a topic prefix' };
        prefix = value;
        break;
      }
      case '--watch': {
        const next = inline ?? argv[i + 1];
        const explicit = next !== undefined && /^\d+(\.\d+)?$/.test(next);
        if (inline !== undefined && !explicit) {
          return { kind: 'error', message: `--watch takes a number of seconds, got "${inline}"` };
        }
        if (explicit && inline === undefined) i += 1;
        watchSeconds = explicit ? Number(next) : DEFAULT_WATCH_SECONDS;
        if (!(watchSeconds >= 0.5)) return { kind: 'error', message: '--watch needs at least 0.5 seconds' };
        break;
      }
      default:
        return { kind: 'error', message: `unknown argument "${arg}"` };
    }
  }
  return {
    kind: 'run',
    options: { groups: groups.length > 0 ? [...new Set(groups)] : PIPELINE_GROUPS, prefix, watchSeconds },
  };
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}
