import { isIdentifier } from '@pipeline/contracts';

export const ADMIN_USAGE = `usage: npm run erase -- <customerId>
       (admin-cli erase <customerId>)

Erases a customer from the journey pipeline (right to be forgotten): the journey, its pending derived
events, its index entries and the anonymous ids merged into it. Only a tombstone with the erasure
time remains, so late events for the customer are dropped; customer.erased.v1 is published.
Connects with the pipeline's variables: KAFKA_BROKERS, REDIS_URL or REDIS_CLUSTER_NODES,
KAFKA_TOPIC_PREFIX, REDIS_KEY_PREFIX (and their TLS / SASL / ACL settings).
`;

export type AdminArgs =
  | { readonly kind: 'erase'; readonly customerId: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** The command line after `node main.js`. */
export function parseAdminArgs(argv: readonly string[]): AdminArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'erase') return { kind: 'error', message: `unknown command ${JSON.stringify(command)}` };
  if (rest.length !== 1) return { kind: 'error', message: 'erase takes exactly one customer id' };
  const customerId = rest[0] ?? '';
  if (!isIdentifier(customerId))
    return { kind: 'error', message: `${JSON.stringify(customerId)} is not a valid customer id` };
  return { kind: 'erase', customerId };
}
