/** The lease of a running job expired and another holder may be running it: stop. */
export class LeaseLostError extends Error {
  constructor(readonly job: string) {
    super(`the lease of job ${job} was lost; another instance may be running it`);
    this.name = LeaseLostError.name;
  }
}
