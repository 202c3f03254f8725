import { parseIsoTimestamp } from '@pipeline/contracts';
import type { ReplayOptions } from '@pipeline/dead-letters';

export const DLQ_REPLAY_USAGE = `usage: npm run dlq:replay -- --reason <CODE> --since <ISO time> [--topic <topic>] [--dry-run]
       (admin-cli dlq-replay ...)

Publishes again the original messages of the dead letters with reason <CODE> written since <ISO
time>, onto the topic and partition they were read from: key, value, headers and timestamp byte for
byte. Run it after the fix that makes them acceptable.

Idempotent: each replayed original (source topic, partition, offset) is recorded in Redis
(<REDIS_KEY_PREFIX>dlq:replayed) once the broker acknowledged it, and skipped by every later run, so
running it again publishes nothing twice. Only one replay runs at a time (a Redis lease).

A dead letter that kept only a prefix of its original (too large to travel whole), a minimal
stand-in, or one whose headers were stored as lossy text cannot be replayed: the JSON report printed
on stdout counts and lists them with the reason and where the whole original is (its source topic,
partition and offset, while the topic's retention keeps it).

  --reason <CODE>     rejection code of the dead letters, e.g. NOT_JSON, INVALID_FIELD, KEY_MISMATCH
  --since <ISO time>  only dead letters written at or after this instant, e.g. 2026-03-01T00:00:00Z
  --topic <topic>     only originals of this topic: its contract name (journey.conversion.v1) or its
                      name on the broker (with KAFKA_TOPIC_PREFIX)
  --dry-run           publish and record nothing; report what would be replayed
  --help              this text

Connects with the pipeline's variables: KAFKA_BROKERS, REDIS_URL or REDIS_CLUSTER_NODES,
KAFKA_TOPIC_PREFIX, REDIS_KEY_PREFIX (and their TLS / SASL / ACL settings).
Exit code: 0 when done (see the report for what could not be replayed), 1 on a failure (run it
again: nothing is published twice), 2 on a usage error.
`;

export type DlqReplayArgs =
  | { readonly kind: 'dlq-replay'; readonly options: ReplayOptions }
  | { readonly kind: 'help'; readonly usage: string }
  | { readonly kind: 'error'; readonly message: string; readonly usage: string };

const REASON = /^[A-Z][A-Z0-9_]*$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** The options after `dlq-replay`; every error names the option at fault. */
export function parseDlqReplayArgs(argv: readonly string[]): DlqReplayArgs {
  const error = (message: string): DlqReplayArgs => ({ kind: 'error', message, usage: DLQ_REPLAY_USAGE });
  let reason: string | undefined;
  let since: Date | undefined;
  let topic: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const at = arg.indexOf('=');
    const [name, inline] =
      arg.startsWith('--') && at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i += 1;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return { kind: 'help', usage: DLQ_REPLAY_USAGE };
      case '--reason': {
        const code = value();
        if (code === undefined || !REASON.test(code))
          return error('--reason needs a rejection code in capitals, e.g. NOT_JSON');
        reason = code;
        break;
      }
      case '--since': {
        const text = value();
        const parsed = parseIsoTimestamp(text);
        if (!parsed.ok)
          return error(`--since needs an ISO-8601 time with an offset, e.g. 2026-03-01T00:00:00Z`);
        since = new Date(parsed.epochMs);
        break;
      }
      case '--topic': {
        const name = value();
        if (name === undefined || !TOPIC.test(name)) return error('--topic needs a Kafka topic name');
        topic = name;
        break;
      }
      case '--dry-run':
        if (inline !== undefined) return error('--dry-run takes no value');
        dryRun = true;
        break;
      default:
        return error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (reason === undefined) return error('--reason is required');
  if (since === undefined) return error('--since is required');
  return { kind: 'dlq-replay', options: { reason, since, ...(topic !== undefined && { topic }), dryRun } };
}
