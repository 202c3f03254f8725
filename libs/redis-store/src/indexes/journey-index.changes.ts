import { CHURN_BANDS, JOURNEY_STAGES, JourneyEvent } from '@pipeline/contracts';
import { EmittedOutputs, JourneyState, assessStages } from '@pipeline/journey-domain';
import { INDEX_MEMBER_SEPARATOR } from './journey-index.keys';
import { IndexChange } from './journey-index.repository';

/** What a customer's population index entries follow: the journey and the outputs emitted for it. */
export interface IndexedJourney {
  readonly state: JourneyState;
  readonly emitted: EmittedOutputs;
}

/**
 * The population index entries of one customer, rebuilt from the customer's state and outputs (and
 * the NPS answers among the batch's events): every entry the journey calls for, whatever was written
 * before. Writers use it where they cannot vouch for what the indexes hold (a redelivered batch, a
 * merge, a scheduled rewrite); see {@link indexChangesSince} for the common case.
 */
export function indexChangesFor(
  customerId: string,
  state: JourneyState,
  emitted: EmittedOutputs,
  events: readonly JourneyEvent[],
): IndexChange[] {
  const member = (...parts: Array<string | number>): string => parts.join(INDEX_MEMBER_SEPARATOR);
  const changes: IndexChange[] = [];
  changes.push({ index: 'customers', op: 'set', member: customerId, score: state.seen[0] });
  const { entered } = assessStages(state);
  for (const stage of JOURNEY_STAGES) {
    const firstEnteredAt = entered[stage]?.firstEnteredAt;
    if (firstEnteredAt !== undefined) {
      changes.push({ index: `stage:${stage}`, op: 'set', member: customerId, score: firstEnteredAt });
    }
  }
  for (const [orderId, [placedAt]] of Object.entries(state.ord ?? {})) {
    const cancelled = state.cxl !== undefined && Object.prototype.hasOwnProperty.call(state.cxl, orderId);
    changes.push(
      cancelled
        ? { index: 'orders', op: 'remove', member: member(customerId, orderId) }
        : { index: 'orders', op: 'set', member: member(customerId, orderId), score: placedAt },
    );
  }
  for (const event of events) {
    if (event.type === 'nps_response') {
      changes.push({
        index: 'nps',
        op: 'set',
        member: member(customerId, event.eventId, event.properties.score),
        score: event.occurredAt,
      });
    }
  }
  if (!emitted.clv) changes.push({ index: 'clv', op: 'remove', member: customerId });
  if (!emitted.churn) {
    changes.push({ index: 'churn-band', op: 'remove', member: customerId });
    changes.push({ index: 'churn-due', op: 'remove', member: customerId });
  }
  if (emitted.clv) {
    changes.push({
      index: 'clv',
      op: 'set',
      member: customerId,
      score: emitted.clv.predictiveMinor ?? emitted.clv.simpleMinor,
    });
  }
  if (emitted.churn) {
    changes.push({
      index: 'churn-band',
      op: 'set',
      member: customerId,
      score: CHURN_BANDS.indexOf(emitted.churn.band),
    });
    const due = emitted.churn.nextReviewAt;
    changes.push(
      due === null
        ? { index: 'churn-due', op: 'remove', member: customerId }
        : { index: 'churn-due', op: 'set', member: customerId, score: due },
    );
  }
  return changes;
}

/**
 * Only the index changes that take a customer from the entries `before` calls for to those `after`
 * calls for, plus the NPS answers among the batch's events: most events move no entry at all (a page
 * view of a known customer), where {@link indexChangesFor} would rewrite six to a dozen of them.
 *
 * Sound only when the indexes hold what `before` calls for, i.e. whoever wrote `before` finished its
 * index step. Every writer guarantees that or retries: the stream writes the indexes before it commits
 * the offsets, and a batch redelivered after a crash finds its events already applied, which makes
 * the stream rewrite that customer's entries in full; the scheduler and identify rewrite the entries of
 * every customer they settle, changed or not.
 */
export function indexChangesSince(
  customerId: string,
  before: IndexedJourney,
  after: IndexedJourney,
  events: readonly JourneyEvent[],
): IndexChange[] {
  const previous = indexChangesFor(customerId, before.state, before.emitted, []);
  const matched = new Array<boolean>(previous.length).fill(false);
  const find = entryFinder(previous);
  const changes: IndexChange[] = [];
  for (const change of indexChangesFor(customerId, after.state, after.emitted, events)) {
    const at = find(change);
    if (at >= 0) matched[at] = true;
    const was = at >= 0 ? previous[at] : undefined;
    if (was === undefined || !sameEffect(was, change)) changes.push(change);
  }
  // An entry `before` set that `after` no longer mentions goes; today every entry, once called for,
  // stays called for (as a set or an explicit remove), so this only guards future index definitions.
  previous.forEach((was, i) => {
    if (!matched[i] && was.op === 'set') changes.push({ index: was.index, op: 'remove', member: was.member });
  });
  return changes;
}

/** Entries up to which a linear scan beats building a keyed map (and its key strings). */
const SCAN_LIMIT = 32;

/**
 * Finds where `entries` holds the entry a change is about (-1 if nowhere). Most customers have a
 * handful of entries, scanned; one with hundreds of orders gets a map rather than a quadratic scan.
 */
function entryFinder(entries: readonly IndexChange[]): (change: IndexChange) => number {
  if (entries.length <= SCAN_LIMIT) {
    return (change) =>
      entries.findIndex((entry) => entry.index === change.index && entry.member === change.member);
  }
  const positions = new Map<string, number>();
  entries.forEach((entry, i) => positions.set(`${entry.index}\n${entry.member}`, i));
  return (change) => positions.get(`${change.index}\n${change.member}`) ?? -1;
}

function sameEffect(a: IndexChange, b: IndexChange): boolean {
  if (a.op === 'remove') return b.op === 'remove';
  return b.op === 'set' && a.score === b.score;
}
