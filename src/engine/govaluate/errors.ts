/**
 * The one error type of the govaluate port. Its message is the text govaluate itself
 * produces, so callers can wrap it exactly as Argo does (`expr filter error (<msg>)`).
 */
export class GovaluateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GovaluateError';
  }
}
