import type { Rejection, RejectionCode } from '@pipeline/contracts';

/** The event breaks the v1 contract; it was not sent. `field` names the offending field. */
export class TrackValidationError extends Error {
  override readonly name = 'TrackValidationError';
  readonly code: RejectionCode;
  readonly field: string | undefined;

  constructor(readonly rejection: Rejection) {
    super(
      rejection.field === undefined
        ? `invalid journey event: ${rejection.message}`
        : `invalid journey event: ${rejection.field} ${rejection.message}`,
    );
    this.code = rejection.code;
    this.field = rejection.field;
  }
}
