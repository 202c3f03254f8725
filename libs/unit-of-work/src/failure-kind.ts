/**
 * How a failure is handled, decided in one place for every journey writer:
 * - `transient`: the broker or Redis is away, slow or rebalancing; trying again later will work.
 *   Retried with capped backoff, never skipped.
 * - `deterministic`: the same input fails the same way again (a bad record, a bug it triggers, a
 *   record the broker refuses). The record is isolated and dead-lettered; the rest goes on.
 * - `unknown`: neither is known. Retried a few times, then the unit is split to learn whether one
 *   record causes it; only a record that fails on its own is set aside.
 */
export type FailureKind = 'transient' | 'deterministic' | 'unknown';

/** Where in the unit of work a record failed. */
export type FailureStage =
  'admit' | 'load' | 'fold' | 'derive' | 'encode' | 'commit' | 'publish' | 'index' | 'unit';

/** A failure the unit of work knows will recur on the same input, with the step it happened in. */
export class DeterministicFailure extends Error {
  readonly kind = 'deterministic';

  constructor(
    readonly stage: FailureStage,
    cause: unknown,
  ) {
    super(`${stage}: ${errorMessage(cause)}`, { cause });
    this.name = DeterministicFailure.name;
  }
}

/**
 * A unit that could not finish for a reason of the moment: a race with another writer that did not
 * settle within the attempts allowed, links that are being written. Retrying the unit resolves it.
 */
export class TransientFailure extends Error {
  readonly kind = 'transient';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = TransientFailure.name;
  }
}

/** Broker answers about one record (or its batch) that no retry changes. */
const RECORD_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'INVALID_REQUIRED_ACKS',
]);

/** Socket-level codes: the peer is away or the network is. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/** ioredis and project errors that mean Redis is away or slow. */
const REDIS_TRANSIENT_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'ClusterAllFailedError',
  'RedisBatchTimeoutError',
  'AbortError',
]);

/** Redis replies that say "not now": loading, failing over, out of memory, a busy script. */
const REDIS_TRANSIENT_REPLY =
  /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|OOM|NOREPLICAS|MOVED|ASK)\b|Connection is closed|Stream isn't writeable|max retries per request|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available/i;

/** Errors that pure code throws when the input (or a bug it triggers) is at fault. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'SyntaxError', 'URIError', 'ReferenceError']);

/**
 * Classifies a failure of a unit of work. Looks through `cause` chains (kafkajs wraps the broker's
 * answer, a `DeterministicFailure` wraps what pure code threw).
 */
export function classifyFailure(error: unknown): FailureKind {
  const chain = causeChain(error);
  for (const link of chain) {
    if (link.kind === 'deterministic') return 'deterministic';
    if (link.kind === 'transient') return 'transient';
    if (typeof link.type === 'string' && RECORD_REFUSALS.has(link.type)) return 'deterministic';
  }
  for (const link of chain) {
    if (typeof link.code === 'string' && NETWORK_CODES.has(link.code)) return 'transient';
    if (typeof link.name === 'string') {
      // Every other kafkajs failure (connection, timeout, coordinator, rebalance, retries exhausted,
      // authorisation) is about the cluster, not about a record: never skip records for it.
      if (link.name.startsWith('KafkaJS')) return 'transient';
      if (REDIS_TRANSIENT_NAMES.has(link.name)) return 'transient';
    }
    if (typeof link.message === 'string' && REDIS_TRANSIENT_REPLY.test(link.message)) return 'transient';
  }
  const [first] = chain;
  if (first && typeof first.name === 'string' && PROGRAMMING_ERRORS.has(first.name)) return 'deterministic';
  return 'unknown';
}

interface ErrorLike {
  readonly kind?: unknown;
  readonly type?: unknown;
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 8) {
    const link = current as ErrorLike;
    if (chain.includes(link)) break;
    chain.push(link);
    current = link.cause ?? link.originalError;
  }
  return chain;
}

/** The error's class name, for metrics and dead letters. */
export function errorClass(error: unknown): string {
  if (error instanceof DeterministicFailure) return errorClass(error.cause);
  return error instanceof Error && /^\w{1,64}$/.test(error.name) ? error.name : typeof error;
}

/** The error's message, without the wrapping of `DeterministicFailure`. */
export function errorMessage(error: unknown): string {
  if (error instanceof DeterministicFailure) return errorMessage(error.cause);
  if (error instanceof Error) return error.message;
  return String(error);
}
