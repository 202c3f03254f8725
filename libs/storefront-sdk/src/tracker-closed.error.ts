/** `track` was called after `close()`. */
export class TrackerClosedError extends Error {
  override readonly name = 'TrackerClosedError';

  constructor() {
    super('the JourneyTracker is closed');
  }
}
