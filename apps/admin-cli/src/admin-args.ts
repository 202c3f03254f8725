import { isIdentifier } from '@pipeline/contracts';
import { parseDlqReplayArgs, type DlqReplayArgs } from './dlq-replay-args';

export const ERASE_USAGE = `usage: npm run erase -- <customerId>
       (admin-cli erase <customerId>)

Erases a customer from the journey pipeline (right to be forgotten): the journey, its pending derived
events, its index entries and the anonymous ids merged into it. Only a tombstone with the erasure
time remains, so late events for the customer are dropped; customer.erased.v1 is published.
Connects with the pipeline's variables: KAFKA_BROKERS, REDIS_URL or REDIS_CLUSTER_NODES,
KAFKA_TOPIC_PREFIX, REDIS_KEY_PREFIX (and their TLS / SASL / ACL settings).
`;

export const ADMIN_USAGE = `usage: admin-cli <command> [options]

Commands:
  erase <customerId>   erase a customer (npm run erase -- --help)
  dlq-replay ...       replay dead-lettered messages (npm run dlq:replay -- --help)

${ERASE_USAGE}`;

export type AdminArgs =
  | { readonly kind: 'erase'; readonly customerId: string }
  | DlqReplayArgs
  | { readonly kind: 'help'; readonly usage: string }
  | { readonly kind: 'error'; readonly message: string; readonly usage: string };

/** The command line after `node main.js`. */
export function parseAdminArgs(argv: readonly string[]): AdminArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    return { kind: 'help', usage: ADMIN_USAGE };
  if (command === 'dlq-replay') return parseDlqReplayArgs(rest);
  if (command !== 'erase')
    return { kind: 'error', message: `unknown command ${JSON.stringify(command)}`, usage: ADMIN_USAGE };
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', usage: ERASE_USAGE };
  if (rest.length !== 1)
    return { kind: 'error', message: 'erase takes exactly one customer id', usage: ERASE_USAGE };
  const customerId = rest[0] ?? '';
  if (!isIdentifier(customerId))
    return {
      kind: 'error',
      message: `${JSON.stringify(customerId)} is not a valid customer id`,
      usage: ERASE_USAGE,
    };
  return { kind: 'erase', customerId };
}
