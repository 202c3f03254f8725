import { decodeJourneyState } from './decode-journey-state';
import { JourneyState } from './journey-state';

/**
 * A stored journey this code cannot read. Writers stop on it (the batch fails and is retried, the
 * partition waits) rather than overwrite what they do not understand.
 */
export class UnreadableJourneyError extends Error {
  constructor(
    readonly customerId: string,
    readonly reason: string,
  ) {
    super(`stored journey of ${customerId} is unreadable: ${reason}`);
    this.name = UnreadableJourneyError.name;
  }
}

/**
 * The state of a stored journey's JSON text.
 * @throws UnreadableJourneyError when the text is not JSON or not a state of this layout version.
 */
export function readJourneyState(customerId: string, data: string): JourneyState {
  const decoded = decodeJourneyState(data);
  if (!decoded.ok) throw new UnreadableJourneyError(customerId, decoded.message);
  return decoded.state;
}
